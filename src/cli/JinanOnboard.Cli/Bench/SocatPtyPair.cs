using System.Diagnostics;
using System.Text.RegularExpressions;

namespace JinanOnboard.Cli.Bench;

/// <summary>
/// A pair of connected pseudo-terminals made by socat, so payload and ground talk over real
/// serial ports (System.IO.Ports) on one machine. The first end may be given a fixed path (a symbolic link, as a
/// device profile names a serial port), which goes when the pair does.
/// </summary>
internal sealed partial class SocatPtyPair : IDisposable
{
    private readonly Process _socat;

    private readonly string? _firstLink;

    private SocatPtyPair(Process socat, string first, string second, string? firstLink)
    {
        _socat = socat;
        _firstLink = firstLink;
        First = first;
        Second = second;
    }

    public string First { get; }

    public string Second { get; }

    /// <param name="firstLink">A path at which socat links the first end, or null.</param>
    public static async Task<SocatPtyPair> StartAsync(CancellationToken cancellationToken, string? firstLink = null)
    {
        var info = new ProcessStartInfo("socat") { RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in new[] { "-d", "-d", firstLink is null ? "pty,raw,echo=0" : $"pty,raw,echo=0,link={firstLink}", "pty,raw,echo=0" })
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
            throw new UserErrorException("a pty pair needs socat (install it: apt-get install -y socat)", ExitCodes.Failure);
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
        return new SocatPtyPair(socat, ptys[0], ptys[1], firstLink);
    }

    public void Dispose()
    {
        try
        {
            if (!_socat.HasExited)
            {
                _socat.Kill();
                _socat.WaitForExit(2000);
            }
        }
        catch (InvalidOperationException)
        {
        }

        _socat.Dispose();

        // Killed, socat leaves its link behind: remove it if it is still the link (never a real device at that path).
        if (_firstLink is not null && new FileInfo(_firstLink).LinkTarget is not null)
        {
            File.Delete(_firstLink);
        }
    }

    [GeneratedRegex(@"PTY is (\S+)")]
    private static partial Regex PtyLine();
}
