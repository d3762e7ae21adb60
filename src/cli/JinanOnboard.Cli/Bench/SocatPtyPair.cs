using System.Diagnostics;
using System.Text.RegularExpressions;

namespace JinanOnboard.Cli.Bench;

/// <summary>
/// A pair of connected pseudo-terminals made by socat, so payload and ground talk over real
/// serial ports (System.IO.Ports) on one machine.
/// </summary>
internal sealed partial class SocatPtyPair : IDisposable
{
    private readonly Process _socat;

    private SocatPtyPair(Process socat, string first, string second)
    {
        _socat = socat;
        First = first;
        Second = second;
    }

    public string First { get; }

    public string Second { get; }

    public static async Task<SocatPtyPair> StartAsync(CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo("socat") { RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in new[] { "-d", "-d", "pty,raw,echo=0", "pty,raw,echo=0" })
        {
            info.ArgumentList.Add(argument);
        }

        Process socat;
        try
        {
            socat = Process.Start(info) ?? throw new UserErrorException("socat did not start", ExitCodes.Failure);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new UserErrorException("--transport serial needs socat (install it: apt-get install -y socat)", ExitCodes.Failure);
        }

        var ptys = new List<string>();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        while (ptys.Count < 2)
        {
            string? line = await socat.StandardError.ReadLineAsync(timeout.Token);
            if (line is null)
            {
                throw new UserErrorException("socat exited before creating the pty pair", ExitCodes.Failure);
            }

            Match match = PtyLine().Match(line);
            if (match.Success)
            {
                ptys.Add(match.Groups[1].Value);
            }
        }

        // Keep draining socat's stderr so it never blocks on a full pipe.
        _ = socat.StandardError.BaseStream.CopyToAsync(Stream.Null, CancellationToken.None);
        return new SocatPtyPair(socat, ptys[0], ptys[1]);
    }

    public void Dispose()
    {
        try
        {
            if (!_socat.HasExited)
            {
                _socat.Kill();
            }
        }
        catch (InvalidOperationException)
        {
        }

        _socat.Dispose();
    }

    [GeneratedRegex(@"PTY is (\S+)")]
    private static partial Regex PtyLine();
}
