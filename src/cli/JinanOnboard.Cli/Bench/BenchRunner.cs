using System.Globalization;
using System.Text.Json;
using JinanOnboard.Runtime.Hosting;

namespace JinanOnboard.Cli.Bench;

/// <summary>
/// `jinan bench`: keys, endpoints, the two firmware processes (the payload and ground executables),
/// supervision (one side dying stops the bench with a clear message instead
/// of a hang), then report.json and a summary.
/// </summary>
internal static class BenchRunner
{
    public static async Task<int> RunAsync(BenchRequest request, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(request.OutputDirectory);
        foreach (string side in new[] { "payload", "ground" })
        {
            // A bench directory holds one run: the previous run's key stores and results are replaced.
            string previous = Path.Combine(request.OutputDirectory, side);
            if (Directory.Exists(previous))
            {
                Directory.Delete(previous, recursive: true);
            }
        }

        string keyDirectory = Path.Combine(request.OutputDirectory, "keys");
        if (!KeyDirectory.IsComplete(keyDirectory))
        {
            KeyDirectory.Create(keyDirectory, force: true);
        }

        var started = DateTimeOffset.UtcNow;
        BenchOutcome outcome = await RunProcessesAsync(request, keyDirectory, cancellationToken);
        double wallSeconds = (DateTimeOffset.UtcNow - started).TotalSeconds;

        BenchReport report = BenchReport.Create(request, outcome, wallSeconds);
        if (outcome.Failure is null && report.Root["keys_identical"]?.GetValue<bool>() != true)
        {
            outcome = outcome with { Failure = "the payload and ground key stores differ" };
            report = BenchReport.Create(request, outcome, wallSeconds);
        }

        string reportPath = Path.Combine(request.OutputDirectory, "report.json");
        File.WriteAllText(reportPath, JsonSerializer.Serialize(report.Root, ResultJson.Options));
        if (request.Json)
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(report.Root, ResultJson.Options));
        }
        else
        {
            BenchSummary.Print(report, reportPath);
        }

        if (outcome.Failure is not null)
        {
            Console.Error.WriteLine($"jinan bench: {outcome.Failure}");
            return ExitCodes.Failure;
        }

        return ExitCodes.Ok;
    }

    private static async Task<BenchOutcome> RunProcessesAsync(BenchRequest request, string keyDirectory, CancellationToken cancellationToken)
    {
        using SocatPtyPair? ptys = request.Transport == "serial" ? await SocatPtyPair.StartAsync(cancellationToken) : null;
        string groundEndpoint = request.Transport switch
        {
            "tcp" => "tcp://127.0.0.1:0",
            "udp" => "udp://127.0.0.1:0",
            "unix" => $"unix://{Path.Combine(Path.GetTempPath(), $"jinan-{Environment.ProcessId}-{Guid.NewGuid():N}.sock")}",
            "serial" => $"serial://{ptys!.First}?baud=921600",
            _ => throw new UserErrorException($"unknown transport {request.Transport}"),
        };

        List<string> Arguments(string role, string endpoint)
        {
            var arguments = new List<string>
            {
                "--config", request.ConfigArgument, "--endpoint", endpoint, "--keys", keyDirectory,
                "--result", Path.Combine(request.OutputDirectory, role + ".json"),
                "--out", Path.Combine(request.OutputDirectory, role),
                "--seed", request.Seed.ToString(CultureInfo.InvariantCulture),
            };
            if (request.Realtime)
            {
                arguments.Add("--realtime");
            }

            if (request.Record)
            {
                arguments.Add("--record");
                arguments.Add(Path.Combine(request.OutputDirectory, role + ".jrec"));
            }

            if (request.DurationOverrideS is { } durationS)
            {
                arguments.AddRange(["--duration-s", durationS.ToString("R", CultureInfo.InvariantCulture)]);
            }

            return arguments;
        }

        foreach (string role in new[] { "payload", "ground" })
        {
            File.Delete(Path.Combine(request.OutputDirectory, role + ".json"));
        }

        var listening = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var progress = BenchProgress.Start(request);
        using ChildProcess ground = ChildProcess.Start("ground", Arguments("ground", groundEndpoint), Path.Combine(request.OutputDirectory, "ground.log"), line =>
        {
            if (ListeningAnnouncement.TryParseListening(line, out string endpoint))
            {
                listening.TrySetResult(endpoint);
            }
        });

        Task groundExit = ground.WaitAsync(cancellationToken);
        if (await Task.WhenAny(listening.Task, groundExit, Task.Delay(TimeSpan.FromSeconds(60), cancellationToken)) != listening.Task)
        {
            ground.Kill();
            return new BenchOutcome(null, ReadResult("ground", request.OutputDirectory), $"ground did not start listening (see {Path.Combine(request.OutputDirectory, "ground.log")})");
        }

        string payloadEndpoint = request.Transport == "serial" ? $"serial://{ptys!.Second}?baud=921600" : await listening.Task;
        using ChildProcess payload = ChildProcess.Start("payload", Arguments("payload", payloadEndpoint), Path.Combine(request.OutputDirectory, "payload.log"), _ => { });
        Task payloadExit = payload.WaitAsync(cancellationToken);
        // A side the bench stops itself has no result to show; the report says why it stopped it, not that it crashed.
        var stoppedByBench = new System.Collections.Concurrent.ConcurrentDictionary<string, string>();
        if (request.KillAfter is { } drill)
        {
            ChildProcess victim = drill.Side == "payload" ? payload : ground;
            string after = drill.AfterS.ToString("0.###", CultureInfo.InvariantCulture);
            _ = Task.Delay(TimeSpan.FromSeconds(drill.AfterS), cancellationToken).ContinueWith(
                _ =>
                {
                    if (!victim.HasExited)
                    {
                        stoppedByBench.TryAdd(drill.Side, $"killed by the bench after {after} s, as --kill-after {drill.Side}:{after} asked");
                        victim.Kill();
                    }
                },
                TaskScheduler.Default);
        }

        // Supervision: when one side exits, the other gets loss-of-link time plus a margin to follow.
        Task firstExit = await Task.WhenAny(payloadExit, groundExit);
        string firstSide = firstExit == payloadExit ? "payload" : "ground";
        TimeSpan grace = TimeSpan.FromSeconds(request.Configuration.Link.LossOfLinkS + 10);
        if (await Task.WhenAny(Task.WhenAll(payloadExit, groundExit), Task.Delay(grace, cancellationToken)) is not Task { } all || !payloadExit.IsCompleted || !groundExit.IsCompleted)
        {
            foreach ((string side, ChildProcess process) in new[] { ("payload", payload), ("ground", ground) })
            {
                if (!process.HasExited)
                {
                    stoppedByBench.TryAdd(side, string.Create(CultureInfo.InvariantCulture,
                        $"stopped by the bench: still running {grace.TotalSeconds:F0} s (loss of link {request.Configuration.Link.LossOfLinkS:0.###} s + 10 s) after the {firstSide} ended"));
                    process.Kill();
                }
            }
        }

        FirmwareResult? payloadResult = ReadResult("payload", request.OutputDirectory);
        FirmwareResult? groundResult = ReadResult("ground", request.OutputDirectory);
        BenchOutcome outcome = BenchOutcome.From(payloadResult, groundResult, stoppedByBench) with
        {
            PayloadPid = payload.Id,
            GroundPid = ground.Id,
            PayloadExitCode = payload.HasExited ? payload.ExitCode : null,
            GroundExitCode = ground.HasExited ? ground.ExitCode : null,
        };
        if (outcome.Failure is null && (outcome.PayloadExitCode != 0 || outcome.GroundExitCode != 0))
        {
            string which = outcome.PayloadExitCode != 0 ? "payload" : "ground";
            outcome = outcome with { Failure = $"{which} process exited with code {(which == "payload" ? outcome.PayloadExitCode : outcome.GroundExitCode)?.ToString(CultureInfo.InvariantCulture) ?? "(killed)"}" };
        }

        _ = firstExit;
        return outcome;
    }

    private static FirmwareResult? ReadResult(string role, string directory)
    {
        string path = Path.Combine(directory, role + ".json");
        if (!File.Exists(path))
        {
            return null;
        }

        return JsonSerializer.Deserialize<FirmwareResult>(File.ReadAllText(path), ResultJson.Options);
    }
}
