using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using JinanOnboard.Cli.Bench;

namespace JinanOnboard.EndToEnd.Tests;

/// <summary>
/// `jinan devices probe` against device simulators run as their own processes (`jinan devices simulate`): the E-727 on
/// loopback TCP, an ELL14 on a socat pty pair, exactly as the real controller and bus would be reached. A simulator
/// killed under the probe gives one clean "no answer" line and exit 1, never a stack trace.
/// </summary>
public sealed partial class DeviceProbeTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Probe_answers_for_simulator_processes_and_says_no_answer_once_one_is_killed()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(50));
        using SocatPtyPair pty = await SocatPtyPair.StartAsync(cancel.Token);
        using Process e727 = Process.Start(JinanProcess.StartInfo("devices", "simulate", "--kind", "pi-e727", "--listen", "tcp://127.0.0.1:0"))!;
        using Process ell14 = Process.Start(JinanProcess.StartInfo("devices", "simulate", "--kind", "ell14", "--serial", pty.Second, "--elliptec-address", "2"))!;
        try
        {
            string e727Line = await ReadAnnouncementAsync(e727, cancel.Token);
            int port = int.Parse(ListeningPort().Match(e727Line).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            Assert.Contains("ell14 simulator on", await ReadAnnouncementAsync(ell14, cancel.Token), StringComparison.Ordinal);

            string directory = JinanProcess.NewDirectory();
            string profile = Path.Combine(directory, "processes.json");
            File.WriteAllText(profile, $$"""
                { "devices": [
                  { "id": "ogs-fsm", "role": "ogs", "function": "fine-mirror", "kind": "pi-e727", "tcp": "tcp://127.0.0.1:{{port}}" },
                  { "id": "payload-hwp", "role": "payload", "function": "hwp", "kind": "ell14", "serial": "{{pty.First}}", "settings": { "elliptec_address": 2 } }
                ] }
                """);

            JinanProcess.Result answered = await JinanProcess.RunAsync(Timeout, "devices", "probe", "--profile", profile, "--json");
            Assert.True(answered.ExitCode == 0, answered.StandardOutput + answered.StandardError);
            using (JsonDocument json = JsonDocument.Parse(answered.StandardOutput))
            {
                JsonElement[] devices = [.. json.RootElement.GetProperty("devices").EnumerateArray()];
                Assert.True(json.RootElement.GetProperty("all_answered").GetBoolean());
                Assert.Equal("PI E-727 s/n 0119000001", devices[0].GetProperty("identity").GetString());
                Assert.Equal("13.21.00.09", devices[0].GetProperty("firmware").GetString());
                Assert.StartsWith("Thorlabs ELL14 s/n 11400002", devices[1].GetProperty("identity").GetString(), StringComparison.Ordinal);
                Assert.Equal("0x17", devices[1].GetProperty("firmware").GetString());
            }

            e727.Kill();
            await e727.WaitForExitAsync(cancel.Token);

            JinanProcess.Result degraded = await JinanProcess.RunAsync(Timeout, "devices", "probe", "--profile", profile, "--timeout-ms", "1000");
            Assert.Equal(1, degraded.ExitCode);
            string[] lines = degraded.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            string fsm = Assert.Single(lines, l => l.StartsWith("ogs-fsm ", StringComparison.Ordinal));
            Assert.Matches(@"pi-e727\s+tcp://127\.0\.0\.1:\d+\s+NO\s+-\s+-\s+no answer: tcp://127\.0\.0\.1:\d+: Connection refused", fsm);
            Assert.Matches(@"^payload-hwp\s+ell14\s+/dev/pts/\d+\s+yes\s+Thorlabs ELL14", Assert.Single(lines, l => l.StartsWith("payload-hwp ", StringComparison.Ordinal)));
            Assert.Contains("1 of 2 devices answered", degraded.StandardOutput, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", degraded.StandardOutput + degraded.StandardError, StringComparison.Ordinal);

            // SIGTERM is a simulator's normal end: it closes its port and exits 0.
            await JinanProcess.TerminateAsync(ell14);
            await ell14.WaitForExitAsync(cancel.Token);
            Assert.Equal(0, ell14.ExitCode);
        }
        finally
        {
            foreach (Process simulator in new[] { e727, ell14 })
            {
                if (!simulator.HasExited)
                {
                    simulator.Kill();
                }
            }
        }
    }

    [Fact]
    public async Task The_all_simulated_profile_answers_for_every_device_in_process()
    {
        JinanProcess.Result result = await JinanProcess.RunAsync(Timeout, "devices", "probe", "--profile", "all-simulated", "--json");

        Assert.True(result.ExitCode == 0, result.StandardOutput + result.StandardError);
        using JsonDocument json = JsonDocument.Parse(result.StandardOutput);
        JsonElement[] devices = [.. json.RootElement.GetProperty("devices").EnumerateArray()];
        Assert.Equal(7, devices.Length);
        Assert.All(devices, d => Assert.True(d.GetProperty("ok").GetBoolean(), d.GetRawText()));
        Assert.Contains(devices, d => d.GetProperty("identity").GetString()!.StartsWith("TDC7200", StringComparison.Ordinal));
        Assert.Contains(devices, d => d.GetProperty("identity").GetString()!.StartsWith("AD5328 -> ADS1115", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_bad_profile_is_one_line_naming_the_file_the_device_and_the_key()
    {
        string profile = Path.Combine(JinanProcess.NewDirectory(), "bad.json");
        File.WriteAllText(profile, """{ "devices": [ { "id": "ogs-tdc", "role": "ogs", "function": "tdc", "kind": "tdc7200", "spi": "/dev/spidev0.1", "gpio": "pin 25" } ] }""");

        JinanProcess.Result result = await JinanProcess.RunAsync(Timeout, "devices", "probe", "--profile", profile);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"jinan: {profile}: device 'ogs-tdc': key 'gpio': expected gpio:P, ft4222:N/gpioP or ft232h:N/gpioP, got \"pin 25\"", result.StandardError.Trim());
    }

    private static async Task<string> ReadAnnouncementAsync(Process simulator, CancellationToken cancellationToken)
    {
        string? line = await simulator.StandardOutput.ReadLineAsync(cancellationToken);
        if (line is null)
        {
            bool exited = simulator.WaitForExit(5_000);
            string stderr = exited ? await simulator.StandardError.ReadToEndAsync(cancellationToken) : "(still running)";
            Assert.Fail($"simulator closed its output before announcing itself (exit {(exited ? simulator.ExitCode : -1)}): {stderr}");
        }

        return line!;
    }

    [GeneratedRegex(@"listening on tcp://127\.0\.0\.1:(\d+)")]
    private static partial Regex ListeningPort();
}
