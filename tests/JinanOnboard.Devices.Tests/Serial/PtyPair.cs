using System.Diagnostics;
using System.Text.RegularExpressions;

namespace JinanOnboard.Devices.Tests.Serial;

/// <summary>
/// <c>socat -d -d pty,raw,echo=0 pty,raw,echo=0</c>: two pseudo-terminals back to back, shared by the serial-line
/// suites of every device (the host end opened by the driver, the device end by the simulator).
/// </summary>
internal sealed partial class PtyPair : IDisposable
{
    private readonly Process process;
    private bool disposed;

    private PtyPair(Process process, string hostPath, string devicePath)
    {
        this.process = process;
        HostPath = hostPath;
        DevicePath = devicePath;
    }

    public string HostPath { get; }

    public string DevicePath { get; }

    public static PtyPair Start()
    {
        var info = new ProcessStartInfo("socat", "-d -d pty,raw,echo=0 pty,raw,echo=0")
        {
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException("socat did not start");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("socat not found: install socat (apt-get install socat) to run the serial-line tests", ex);
        }

        var paths = new List<string>();
        var stopwatch = Stopwatch.StartNew();
        while (paths.Count < 2 && stopwatch.Elapsed < TimeSpan.FromSeconds(10))
        {
            string? line = process.StandardError.ReadLine();
            if (line is null)
            {
                break;
            }

            Match match = PtyLine().Match(line);
            if (match.Success)
            {
                paths.Add(match.Groups[1].Value);
            }
        }

        if (paths.Count < 2)
        {
            process.Kill();
            process.Dispose();
            throw new InvalidOperationException("socat did not report two pty paths");
        }

        // Keep draining stderr so socat never blocks on a full pipe.
        _ = process.StandardError.ReadToEndAsync();
        return new PtyPair(process, paths[0], paths[1]);
    }

    public void Dispose()
    {
        if (disposed)
        {
            return; // a test may end the pair early (a hang-up) and still hold it in a using
        }

        disposed = true;
        if (!process.HasExited)
        {
            process.Kill();
            process.WaitForExit(5_000);
        }

        process.Dispose();
    }

    [GeneratedRegex(@"PTY is (/dev/\S+)")]
    private static partial Regex PtyLine();
}
