using Spectre.Console;

namespace JinanOnboard.Cli.Bench;

/// <summary>
/// A spinner with elapsed time while the bench runs, on an interactive terminal only (never in
/// --json output or when stdout is redirected).
/// </summary>
internal sealed class BenchProgress : IDisposable
{
    private readonly CancellationTokenSource? _stop;
    private readonly Task? _display;

    private BenchProgress(CancellationTokenSource? stop, Task? display)
    {
        _stop = stop;
        _display = display;
    }

    public static BenchProgress Start(BenchRequest request)
    {
        if (request.Json || Console.IsOutputRedirected || !AnsiConsole.Profile.Capabilities.Interactive)
        {
            return new BenchProgress(null, null);
        }

        var stop = new CancellationTokenSource();
        Task display = AnsiConsole.Status().StartAsync($"Running a {request.Configuration.Pass.DurationS:F0} s pass over {request.Transport}...", async context =>
        {
            var started = DateTime.UtcNow;
            while (!stop.IsCancellationRequested)
            {
                context.Status($"Running a {request.Configuration.Pass.DurationS:F0} s pass over {request.Transport}... {(DateTime.UtcNow - started).TotalSeconds:F0} s");
                try
                {
                    await Task.Delay(250, stop.Token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        });
        return new BenchProgress(stop, display);
    }

    public void Dispose()
    {
        if (_stop is null)
        {
            return;
        }

        _stop.Cancel();
        _display!.Wait(TimeSpan.FromSeconds(2));
        _stop.Dispose();
    }
}
