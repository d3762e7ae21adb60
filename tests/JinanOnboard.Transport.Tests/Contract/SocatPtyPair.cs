using System.Diagnostics;
using System.Text.RegularExpressions;

namespace JinanOnboard.Transport.Tests.Contract;

/// <summary>
/// <c>socat -d -d pty,raw,echo=0 pty,raw,echo=0</c>: two pseudo-terminals wired back to back, the paths parsed
/// from socat's "PTY is /dev/pts/N" notices on stderr. Missing socat fails the test with the install command.
/// </summary>
public sealed partial class SocatPtyPair : IAsyncDisposable
{
    private readonly Process _process;

    private SocatPtyPair(Process process, string first, string second)
    {
        _process = process;
        FirstPath = first;
        SecondPath = second;
    }

    public string FirstPath { get; }

    public string SecondPath { get; }

    public static async Task<SocatPtyPair> StartAsync()
    {
        string? socat = FindOnPath("socat");
        if (socat is null)
        {
            Assert.Fail("install socat (apt-get install -y socat)");
        }

        var start = new ProcessStartInfo(socat, "-d -d pty,raw,echo=0 pty,raw,echo=0")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("socat did not start");
        var paths = new List<string>();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        while (paths.Count < 2)
        {
            string? line = await process.StandardError.ReadLineAsync(cts.Token);
            if (line is null)
            {
                throw new InvalidOperationException("socat exited before reporting two ptys");
            }

            Match match = PtyNotice().Match(line);
            if (match.Success)
            {
                paths.Add(match.Groups[1].Value);
            }
        }

        // Keep draining stderr so socat never blocks on a full pipe.
        _ = process.StandardError.ReadToEndAsync(CancellationToken.None);
        return new SocatPtyPair(process, paths[0], paths[1]);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(5));
        _process.Dispose();
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);

    [GeneratedRegex(@"PTY is (\S+)")]
    private static partial Regex PtyNotice();
}
