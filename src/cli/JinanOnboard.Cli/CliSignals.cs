using System.Runtime.InteropServices;

namespace JinanOnboard.Cli;

/// <summary>
/// Ctrl-C and SIGTERM for the whole CLI. The first signal cancels <see cref="Token"/>, which every verb's action
/// receives, so a verb that runs processes (bench, campaign) stops them, writes what it has and returns 130 or 143.
/// A verb that does not watch the token is stopped after <see cref="Grace"/>, and a second signal stops at once, so
/// Ctrl-C never leaves the operator waiting on a verb that ignores it. Replaces System.CommandLine's own handling, which
/// does not say which signal came and stops the action after 2 s, before a bench's sides can close their sessions.
/// </summary>
internal sealed class CliSignals : IDisposable
{
    /// <summary>How long a verb gets to stop cleanly: a bench side closes its session within 5 s (CloseTimeout).</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(15);

    private readonly CancellationTokenSource _stop = new();
    private readonly PosixSignalRegistration _interrupt;
    private readonly PosixSignalRegistration _terminate;
    private int _received;

    public CliSignals()
    {
        _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
    }

    /// <summary>Cancelled by the first SIGINT or SIGTERM.</summary>
    public CancellationToken Token => _stop.Token;

    /// <summary>"SIGINT" or "SIGTERM" once one has come, else null.</summary>
    public string? Received { get; private set; }

    /// <summary>The exit code for the signal received (130 SIGINT, 143 SIGTERM), the shell's 128 + signal number.</summary>
    public int ExitCode => Received == "SIGTERM" ? ExitCodes.Terminated : ExitCodes.Interrupted;

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true;
        if (Interlocked.Increment(ref _received) > 1)
        {
            Console.Error.WriteLine("jinan: second signal, stopping now");
            Environment.Exit(ExitCode);
        }

        Received = context.Signal == PosixSignal.SIGTERM ? "SIGTERM" : "SIGINT";
        _stop.Cancel();
        _ = Task.Delay(Grace).ContinueWith(_ =>
        {
            Console.Error.WriteLine($"jinan: {Received}: did not stop within {Grace.TotalSeconds:0} s, stopping now");
            Environment.Exit(ExitCode);
        }, TaskScheduler.Default);
    }

    public void Dispose()
    {
        _interrupt.Dispose();
        _terminate.Dispose();
        _stop.Dispose();
    }
}
