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
        BenchReport report = await ExecuteAsync(request, cancellationToken);
        string reportPath = Path.Combine(request.OutputDirectory, "report.json");
        if (request.Json)
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(report.Root, ResultJson.Options));
        }
        else
        {
            BenchSummary.Print(report, reportPath);
        }

        if (request.PlotDirectory is not null)
        {
            SavePicture(report, request);
        }

        if (report.Outcome.Failure is not null)
        {
            Console.Error.WriteLine($"jinan bench: {report.Outcome.Failure}");
            return ExitCodes.Failure;
        }

        return ExitCodes.Ok;
    }

    /// <summary>
    /// bench.png from the report, for a failed pass too (what there is). The pass's result stands whatever happens to its
    /// picture: a picture that cannot be drawn or written is one line on stderr, not a different exit code.
    /// </summary>
    private static void SavePicture(BenchReport report, BenchRequest request)
    {
        string directory = request.PlotDirectory!;
        try
        {
            string written = Pictures.BenchPicture.Save(report.Root, request.Configuration.Bench.Apt, directory);

            // stdout stays one JSON document under --json: the path goes to stderr there.
            (request.Json ? Console.Error : Console.Out).WriteLine($"wrote {written}");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException or InvalidOperationException)
        {
            Console.Error.WriteLine($"jinan bench: --plot {directory}: no picture: {ex.Message.Split('\n')[0]}");
        }
    }

    /// <summary>One pass without printing anything (jinan campaign runs many): the processes, then report.json.</summary>
    public static async Task<BenchReport> ExecuteAsync(BenchRequest request, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(request.OutputDirectory);
        string stores = request.StoreDirectory ?? request.OutputDirectory;
        Directory.CreateDirectory(stores);
        foreach (string side in request.StoreDirectory is null ? new[] { "payload", "ground" } : [])
        {
            // A bench directory holds one run: the previous run's key stores and results are replaced.
            string previous = Path.Combine(request.OutputDirectory, side);
            if (Directory.Exists(previous))
            {
                Directory.Delete(previous, recursive: true);
            }
        }

        string keyDirectory = Path.Combine(stores, "keys");
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

        File.WriteAllText(Path.Combine(request.OutputDirectory, "report.json"), JsonSerializer.Serialize(report.Root, ResultJson.Options));
        return report;
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

        // The simulated bench's optical path between its two halves: the payload's beam pointing reaches the light the OGS half simulates.
        string opticalPath = Path.Combine(Path.GetTempPath(), $"jinan-optical-{Environment.ProcessId}-{Guid.NewGuid():N}.sock");

        List<string> Arguments(string role, string endpoint)
        {
            var arguments = new List<string>
            {
                "--config", request.ConfigArgument, "--endpoint", endpoint, "--keys", keyDirectory,
                "--result", Path.Combine(request.OutputDirectory, role + ".json"),
                "--out", Path.Combine(request.StoreDirectory ?? request.OutputDirectory, role),
                "--seed", request.Seed.ToString(CultureInfo.InvariantCulture),
                "--optical-path", opticalPath,
            };
            if (request.Realtime)
            {
                arguments.Add("--realtime");
            }

            if (request.DevicesProfile is not null)
            {
                arguments.AddRange(["--devices-profile", request.DevicesProfile]);
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
        ScheduleDrill(request.KillAfter, "killed", "--kill-after", victim => victim.Kill());
        ScheduleDrill(request.TerminateAfter, "terminated (SIGTERM)", "--terminate-after", victim => victim.Terminate());

        // A drill that lands after its victim ended is not recorded: the side ended on its own.
        void ScheduleDrill(FaultDrill? drill, string what, string option, Action<ChildProcess> signal)
        {
            if (drill is null)
            {
                return;
            }

            ChildProcess victim = drill.Side == "payload" ? payload : ground;
            string after = drill.AfterS.ToString("0.###", CultureInfo.InvariantCulture);
            _ = Task.Delay(TimeSpan.FromSeconds(drill.AfterS), cancellationToken).ContinueWith(
                _ =>
                {
                    if (!victim.HasExited)
                    {
                        stoppedByBench.TryAdd(drill.Side, $"{what} by the bench after {after} s, as {option} {drill.Side}:{after} asked");
                        signal(victim);
                    }
                },
                TaskScheduler.Default);
        }

        // Supervision: when one side exits, the other gets loss-of-link time plus a margin to follow. A side that wrote its
        // result said goodbye (a SIGTERM stop does too), and after a goodbye the firmware gives its mission
        // PeerGoodbyeAllowance to finish before it ends link_lost: stopping the peer sooner would misreport it as unresponsive.
        Task firstExit = await Task.WhenAny(payloadExit, groundExit);
        string firstSide = firstExit == payloadExit ? "payload" : "ground";
        bool goodbye = File.Exists(Path.Combine(request.OutputDirectory, firstSide + ".json"));
        string followed = goodbye
            ? $"the goodbye allowance {FirmwareSessionRunner.PeerGoodbyeAllowance.TotalSeconds:0} s"
            : string.Create(CultureInfo.InvariantCulture, $"loss of link {request.Configuration.Link.LossOfLinkS:0.###} s");
        double followS = goodbye
            ? Math.Max(request.Configuration.Link.LossOfLinkS, FirmwareSessionRunner.PeerGoodbyeAllowance.TotalSeconds)
            : request.Configuration.Link.LossOfLinkS;
        TimeSpan grace = TimeSpan.FromSeconds(followS + 10);
        if (await Task.WhenAny(Task.WhenAll(payloadExit, groundExit), Task.Delay(grace, cancellationToken)) is not Task { } all || !payloadExit.IsCompleted || !groundExit.IsCompleted)
        {
            foreach ((string side, ChildProcess process) in new[] { ("payload", payload), ("ground", ground) })
            {
                if (!process.HasExited)
                {
                    stoppedByBench.TryAdd(side, string.Create(CultureInfo.InvariantCulture,
                        $"stopped by the bench: still running {grace.TotalSeconds:F0} s ({followed} + 10 s) after the {firstSide} ended"));
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
