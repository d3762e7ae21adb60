using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace JinanOnboard.EndToEnd.Tests;

/// <summary>
/// A whole pass with the OGS's fine mirror in another process (issue 17): `jinan devices serve` runs the E-727 simulator
/// behind a real TCP port, `jinan bench --realtime --devices-profile` drives it through the firmware's driver; killed
/// mid-pass (kill -9), the OGS goes coarse-only, the pass completes, and when the server is back on the same port the
/// mirror is opened again; the report says when it was lost and when it came back.
/// </summary>
/// <remarks>
/// Real time on a shared machine: the class runs alone within this assembly (its own collection), with room in its
/// bounds for a loaded CI runner. The rate assertion only says the loop ran in real time at hundreds of commands a
/// second; hil/README.md gives the rate and jitter measured on a quiet machine.
/// </remarks>
[Collection(RealTimeCollection.Name)]
public sealed partial class HilPassTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task A_real_time_pass_drives_the_served_E727_and_ELL14s_to_fine_lock_and_calibration_and_ends_with_equal_keys()
    {
        using var cancel = new CancellationTokenSource(Timeout);
        string directory = JinanProcess.NewDirectory();
        (string config, string physics) = OneKilohertzOgsFineLoop(directory);

        // The payload's three compensator mounts share one Elliptec line (addresses 1-3), the OGS plate has its own.
        string payloadLine = Path.Combine(directory, "ell14-payload"), ogsLine = Path.Combine(directory, "ell14-ogs");
        string plates = string.Join(", ", new[] { ("payload-qwp1", "payload", "qwp1", payloadLine, 1), ("payload-hwp", "payload", "hwp", payloadLine, 2), ("payload-qwp2", "payload", "qwp2", payloadLine, 3), ("ogs-hwp", "ogs", "ogs-hwp", ogsLine, 0) }
            .Select(p => $$"""{ "id": "{{p.Item1}}", "role": "{{p.Item2}}", "function": "{{p.Item3}}", "kind": "ell14", "serial": "{{p.Item4}}", "settings": { "elliptec_address": {{p.Item5}} } }"""));
        (Process serve, string profile) = await ServeAsync(directory, physics, port: 0, cancel.Token, plates);
        try
        {
            JinanProcess.Result run = await JinanProcess.RunAsync(Timeout, "bench", "--config", config, "--realtime", "--duration-s", "20", "--devices-profile", profile, "--out", Path.Combine(directory, "out"), "--json");
            Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}\n{run.StandardError}");
            using JsonDocument report = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "out", "report.json")));
            Assert.True(report.RootElement.GetProperty("keys_identical").GetBoolean());
            JsonElement apt = report.RootElement.GetProperty("ground").GetProperty("apt");
            Assert.Equal(0, apt.GetProperty("mirror_faults").GetInt64());
            JsonElement acquisition = apt.GetProperty("acquisition");
            Assert.True(acquisition.GetProperty("time_to_fine_lock_s").ValueKind == JsonValueKind.Number, $"the OGS never reached fine lock on the served mirror: {acquisition}");
            JsonElement timing = apt.GetProperty("fine_loop_timing");
            Assert.True(timing.GetProperty("rate_hz").GetDouble() > 200, timing.ToString());

            // The compensator calibrated over the link through the served mounts, and the OGS plate followed the pass.
            JsonElement calibration = report.RootElement.GetProperty("payload").GetProperty("polarization_calibration");
            Assert.True(calibration.GetProperty("succeeded").GetBoolean(), calibration.ToString());
            string[] mounts = [.. report.RootElement.GetProperty("payload").GetProperty("polarization_bench").GetProperty("mounts").EnumerateArray().Select(m => m.GetString()!)];
            Assert.All(mounts, m => Assert.DoesNotContain("not probed", m, StringComparison.Ordinal));
            Assert.True(report.RootElement.GetProperty("polarization").GetProperty("calibration").GetProperty("contrast_db").GetProperty("z").GetDouble() >= 25);
            JsonElement hwp = report.RootElement.GetProperty("ground").GetProperty("ogs_hwp");
            Assert.Equal(JsonValueKind.Null, hwp.GetProperty("fault").ValueKind);
            Assert.True(hwp.GetProperty("moves").GetInt32() >= 20, hwp.ToString());

            await JinanProcess.TerminateAsync(serve);
            string stderr = await serve.StandardError.ReadToEndAsync(cancel.Token);
            await serve.WaitForExitAsync(cancel.Token);
            Assert.Equal(0, serve.ExitCode);
            long lines = long.Parse(CommandLines().Match(stderr).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(lines > 5000, stderr); // a MOV and a POS? per fine tick, for most of the pass
        }
        finally
        {
            Stop(serve);
        }
    }

    [Fact]
    public async Task Killing_the_served_mirror_mid_pass_leaves_the_OGS_coarse_only_until_it_is_served_again()
    {
        using var cancel = new CancellationTokenSource(Timeout);
        string directory = JinanProcess.NewDirectory();
        (string config, string physics) = OneKilohertzOgsFineLoop(directory);
        (Process serve, string profile) = await ServeAsync(directory, physics, port: 0, cancel.Token);
        int port = PortOf(profile);
        Process? again = null;
        Task<JinanProcess.Result> pass = JinanProcess.RunAsync(Timeout, "bench", "--config", config, "--realtime", "--duration-s", "25", "--devices-profile", profile, "--out", Path.Combine(directory, "out"), "--json");
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(12), cancel.Token);
            serve.Kill(); // SIGKILL: no goodbye on the socket's side beyond the kernel's reset
            await serve.WaitForExitAsync(cancel.Token);
            await Task.Delay(TimeSpan.FromSeconds(5), cancel.Token);
            (again, _) = await ServeAsync(directory, physics, port, cancel.Token);
            JinanProcess.Result run = await pass;
            Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}\n{run.StandardError}");

            using JsonDocument report = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "out", "report.json")));
            Assert.True(report.RootElement.GetProperty("keys_identical").GetBoolean());
            JsonElement ground = report.RootElement.GetProperty("ground");
            JsonElement apt = ground.GetProperty("apt");
            JsonElement outage = apt.GetProperty("fine_mirror_outages").EnumerateArray().First();
            double faultedS = outage.GetProperty("faulted_s").GetDouble();
            Assert.InRange(faultedS, 4, 14);
            Assert.True(outage.GetProperty("recovered_s").ValueKind == JsonValueKind.Number, $"the mirror never came back: {outage}");
            double recoveredS = outage.GetProperty("recovered_s").GetDouble();
            Assert.InRange(outage.GetProperty("coarse_only_s").GetDouble(), 3, 12);

            // Coarse-only pointing meanwhile: the OGS's detections per second drop while the mirror is gone.
            double lockedS = apt.GetProperty("acquisition").GetProperty("time_to_fine_lock_s").GetDouble();
            // The per-second list ends at the last second with a detection: the seconds after it had none.
            long[] perSecond = [.. ground.GetProperty("channel_simulation").GetProperty("detected_pulses_per_second").EnumerateArray().Select(e => e.GetInt64())];
            Array.Resize(ref perSecond, Math.Max(perSecond.Length, (int)Math.Ceiling(recoveredS) + 1));
            Assert.True(faultedS >= lockedS + 2, $"the mirror was lost {faultedS:F1} s into the pass, before a second of fine lock (at {lockedS:F1} s) to compare with");
            double before = perSecond[((int)lockedS + 1)..(int)faultedS].Average();
            double during = perSecond[((int)faultedS + 1)..(int)recoveredS].Average();
            Assert.True(during < before, $"detections per second with the fine mirror {before:F0}, without it {during:F0}");
        }
        finally
        {
            Stop(serve);
            if (again is not null)
            {
                Stop(again);
            }

            await ((Task)pass).WaitAsync(Timeout).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
        }
    }

    /// <summary>
    /// A run configuration whose physics set is jinan1 with the OGS's fine loop (and its camera) at 1 kHz, the rate issue
    /// 17 asks a device loop to hold over TCP (a MOV and a POS? round trip per tick, on a shared two-core machine), and
    /// its integral gain halved with the rate: the same gain per frame (0.45 of the error), since with a frame of camera
    /// latency and the mirror's lag the loop needs that margin per sample (900 /s at 1 kHz oscillates out of the camera).
    /// </summary>
    private static (string Config, string Physics) OneKilohertzOgsFineLoop(string directory)
    {
        string text = File.ReadAllText(Path.Combine(JinanProcess.RepositoryRoot, "configs", "physics", "jinan1.json"));
        const string OgsFine = "\"fine_loop_hz\": 2000,\n      \"fine_kp\": 0.2,\n      \"fine_ki_per_s\": 900,";
        int ogs = text.LastIndexOf(OgsFine, StringComparison.Ordinal); // apt.ogs comes after apt.payload
        Assert.True(ogs > text.IndexOf("\"ogs\": {", StringComparison.Ordinal), "apt.ogs fine loop settings not found");
        string physics = Path.Combine(directory, "physics-ogs-1khz.json");
        string oneKilohertz = OgsFine.Replace("2000", "1000", StringComparison.Ordinal).Replace("900", "450", StringComparison.Ordinal);
        File.WriteAllText(physics, string.Concat(text.AsSpan(0, ogs), oneKilohertz, text.AsSpan(ogs + OgsFine.Length)));
        string config = Path.Combine(directory, "config.json");
        File.WriteAllText(config, $$"""{ "physics": "{{physics}}" }""");
        return (config, physics);
    }

    /// <param name="moreDevices">Further profile entries (JSON objects joined by commas) served beside the E-727, which stays first.</param>
    private static async Task<(Process Serve, string Profile)> ServeAsync(string directory, string physics, int port, CancellationToken cancellationToken, string? moreDevices = null)
    {
        string asked = Path.Combine(directory, $"ask-{port}.json");
        string served = Path.Combine(directory, $"served-{port}.json");
        string more = moreDevices is null ? "" : ", " + moreDevices;
        File.WriteAllText(asked, $$"""{ "devices": [ { "id": "ogs-fsm", "role": "ogs", "function": "fine-mirror", "kind": "pi-e727", "tcp": "tcp://127.0.0.1:{{port}}" }{{more}} ] }""");
        Process serve = Process.Start(JinanProcess.StartInfo("devices", "serve", "--profile", asked, "--physics", physics, "--json", "--write-profile", served))!;
        while (await serve.StandardOutput.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.StartsWith("{\"serving\"", StringComparison.Ordinal))
            {
                return (serve, served);
            }
        }

        Assert.Fail($"jinan devices serve ended before serving: {await serve.StandardError.ReadToEndAsync(cancellationToken)}");
        return default;
    }

    private static int PortOf(string profile)
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(profile));
        string tcp = document.RootElement.GetProperty("devices")[0].GetProperty("tcp").GetString()!;
        return new Uri(tcp).Port;
    }

    private static void Stop(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true); // with the socat pairs it started for serial entries
        }
    }

    [GeneratedRegex(@"ogs-fsm: (\d+) GCS command lines received")]
    private static partial Regex CommandLines();
}
