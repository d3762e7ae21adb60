using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using JinanOnboard.Config.Loading;
using JinanOnboard.Primitives.Recording;
using JinanOnboard.Protocol.Messages;
using JinanOnboard.Protocol.Replay;
using JinanOnboard.Runtime.Hosting;
using JinanOnboard.Runtime.Messages;
using JinanOnboard.Runtime.Plan;
using JinanOnboard.Runtime.Replay;
using Microsoft.Extensions.Logging.Abstractions;

namespace JinanOnboard.Cli.Replay;

/// <summary>What `jinan replay` was asked to do, after parsing.</summary>
internal sealed record ReplayRequest(
    string Recording, string Role, string Config, ulong Seed, double? DurationS, string OutputDirectory, double? Speed,
    IReadOnlyList<KeyValuePair<string, string>> Settings);

/// <summary>
/// The replay runs of `jinan replay` (protocol-spec/replay.md): a ground-only replay (the OGS executable on the recorded
/// time tags against a payload peer playing the recorded payload messages) and a replay peer against a live side.
/// Both write OUT/report.json: the replay's figures, the recorded pass's, their differences, and the peer's result.
/// </summary>
internal static class ReplayRun
{
    /// <summary>Ground-only: re-runs the recorded pass through the current OGS with ephemeral keys (no secrets needed).</summary>
    public static async Task<JsonObject> GroundOnlyAsync(ReplayRequest request, CancellationToken cancellationToken)
    {
        string output = request.OutputDirectory;
        string groundOut = Path.Combine(output, "ground");
        if (Directory.Exists(groundOut))
        {
            Directory.Delete(groundOut, recursive: true); // one replay per directory: its key store starts empty
        }

        Directory.CreateDirectory(output);
        string config = request.Config;
        if (request.Settings.Count > 0)
        {
            config = Path.Combine(output, "replay-config.json");
            ReplaySettings.WriteConfiguration(request.Config, request.Settings, config);
        }

        // Both ends live in this replay: an ephemeral key pair stands in for the pass's keys (replay.md §Secrets).
        string keys = Path.Combine(output, "keys");
        KeyDirectory.Create(keys, force: true);
        RunPlan plan = Resolve(FirmwareRole.Payload, config, request, "tcp://127.0.0.1:0", keys, Path.Combine(output, "peer"));
        ReplayScript script = ReadScript(request.Recording, FirmwareRole.Payload);
        IReadOnlyList<KeyValuePair<string, string>> agreement = Follow(script.Agreement ?? plan.Agreement, plan.Agreement, request.Settings);

        var wall = Stopwatch.StartNew();
        var arguments = new List<string>
        {
            "--config", config, "--seed", request.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--endpoint", "tcp://127.0.0.1:0", "--keys", keys, "--out", groundOut, "--result", Path.Combine(output, "ground.json"),
            "--time-tags", Path.GetFullPath(request.Recording),
        };
        if (request.DurationS is { } durationS)
        {
            arguments.AddRange(["--duration-s", durationS.ToString("R", System.Globalization.CultureInfo.InvariantCulture)]);
        }

        File.Delete(Path.Combine(output, "ground.json"));
        var listening = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        using Bench.ChildProcess ground = Bench.ChildProcess.Start("ground", arguments, Path.Combine(output, "ground.log"), line =>
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
            throw new UserErrorException($"replay: the ground did not start listening (see {Path.Combine(output, "ground.log")})", ExitCodes.Failure);
        }

        FirmwareResult peer = await PlayAsync(plan, await listening.Task, keys, agreement, script, request.Speed, cancellationToken);
        if (await Task.WhenAny(groundExit, Task.Delay(TimeSpan.FromSeconds(30), cancellationToken)) != groundExit)
        {
            ground.Kill();
        }

        double wallSeconds = wall.Elapsed.TotalSeconds;
        FirmwareResult? groundResult = ReadResult(Path.Combine(output, "ground.json"));
        JsonNode? groundDetails = groundResult is null ? null : JsonSerializer.SerializeToNode(groundResult.Details, ResultJson.Options);
        JsonObject report = Report(request, script, groundResult?.Status ?? "no result", groundResult?.Error, groundDetails, peer, wallSeconds);
        report["ground"] = groundDetails;
        return report;
    }

    /// <summary>A recorded payload against a live ground at <paramref name="endpoint"/>, with the operator's payload keys.</summary>
    public static async Task<JsonObject> AgainstLiveGroundAsync(ReplayRequest request, string endpoint, string secrets, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(request.OutputDirectory);
        RunPlan plan = Resolve(FirmwareRole.Payload, request.Config, request, endpoint, secrets, Path.Combine(request.OutputDirectory, "peer"));
        ReplayScript script = ReadScript(request.Recording, FirmwareRole.Payload);
        var wall = Stopwatch.StartNew();
        FirmwareResult peer = await PlayAsync(plan, endpoint, secrets, script.Agreement ?? plan.Agreement, script, request.Speed, cancellationToken);
        JsonNode? live = peer.Details.TryGetValue("live_summary", out object? summary) ? JsonSerializer.SerializeToNode(summary, ResultJson.Options) : null;
        return Report(request, script, peer.Status, peer.Error, live, peer, wall.Elapsed.TotalSeconds);
    }

    private static async Task<FirmwareResult> PlayAsync(RunPlan plan, string endpoint, string keys, IReadOnlyList<KeyValuePair<string, string>> agreement,
        ReplayScript script, double? speed, CancellationToken cancellationToken)
    {
        var options = new FirmwareRunOptions { Plan = plan with { Configuration = plan.Configuration with { Link = plan.Configuration.Link with { Endpoint = endpoint }, Keys = plan.Configuration.Keys with { Directory = keys } } }, Agreement = agreement };
        var topology = new ReplayPeerTopology(script, new ReplayPeerOptions { Speed = speed });
        return await FirmwareSessionRunner.RunAsync(FirmwareRole.Payload, options, topology, NullLogger.Instance, cancellationToken: cancellationToken);
    }

    private static JsonObject Report(ReplayRequest request, ReplayScript script, string status, string? error, JsonNode? ground, FirmwareResult peer, double wallSeconds)
    {
        JsonObject replayed = ReplayFigures.Of(ground);
        RecordedMessage? summary = script.LiveMessages.LastOrDefault(m => m.Apid == Apids.SessionControl && m.Type == SessionMessageTypes.Summary);
        JsonObject? recorded = summary is null ? null : ReplayFigures.Of(JsonNode.Parse(summary.Body));
        string overall = peer.Status != "completed" ? peer.Status : status;
        var report = new JsonObject
        {
            ["status"] = overall,
            ["error"] = peer.Status != "completed" ? peer.Error : error,
            ["recording"] = Path.GetFullPath(request.Recording),
            ["role"] = request.Role,
            ["configuration"] = request.Config,
            ["seed"] = request.Seed,
            ["settings"] = new JsonObject(request.Settings.Select(s => new KeyValuePair<string, JsonNode?>(s.Key, s.Value))),
            ["speed"] = request.Speed is { } s ? s : "max",
            ["pass_seconds"] = peer.PassSeconds,
            ["wall_seconds"] = Math.Round(wallSeconds, 3),
            ["times_real_time"] = wallSeconds > 0 ? Math.Round(peer.PassSeconds / wallSeconds, 1) : null,
        };
        foreach ((string name, JsonNode? value) in replayed)
        {
            report[name] = value?.DeepClone();
        }

        report["recorded"] = recorded;
        report["differences"] = recorded is null ? null : ReplayFigures.Differences(recorded, replayed);
        report["identical_to_recording"] = recorded is not null && ReplayFigures.Differences(recorded, replayed).Count == 0;
        if (peer.Details.TryGetValue("pa_blocks_refused", out object? refused) && Convert.ToInt64(refused.ToString(), System.Globalization.CultureInfo.InvariantCulture) is > 0 and long count)
        {
            report["note"] = $"{count} PA blocks differ from the recorded ones: only the payload's key material could confirm their keys, so the replay's payload refused them and the OGS discarded them (pa_blocks gives n and l of each; protocol-spec/replay.md)";
        }

        report["peer"] = JsonSerializer.SerializeToNode(peer, ResultJson.Options);
        return report;
    }

    /// <summary>The recorded side's agreement with the replay's changed settings in place of the recorded values (the peer follows).</summary>
    private static List<KeyValuePair<string, string>> Follow(IReadOnlyList<KeyValuePair<string, string>> recorded, IReadOnlyList<KeyValuePair<string, string>> replay, IReadOnlyList<KeyValuePair<string, string>> settings)
    {
        var changed = settings.Select(s => s.Key).ToHashSet();
        var own = replay.ToDictionary(e => e.Key, e => e.Value);
        return [.. recorded.Select(e => changed.Contains(e.Key) && own.TryGetValue(e.Key, out string? value) ? new KeyValuePair<string, string>(e.Key, value) : e)];
    }

    private static RunPlan Resolve(FirmwareRole role, string config, ReplayRequest request, string endpoint, string keys, string output)
    {
        try
        {
            return RunPlanResolver.Resolve(role, new RunOverrides { Config = config, Seed = request.Seed, DurationS = request.DurationS, Endpoint = endpoint, KeyDirectory = keys, OutputDirectory = output });
        }
        catch (ConfigurationException ex)
        {
            throw new UserErrorException(ex.Message);
        }
    }

    private static ReplayScript ReadScript(string recording, FirmwareRole played)
    {
        try
        {
            using RecordingReader reader = RecordingReader.Open(recording);
            string role = JsonNode.Parse(reader.MetadataJson)?["role"]?.GetValue<string>() ?? "";
            return ReplayScript.From(reader.ReadAll(), role == "payload" ? FirmwareRole.Payload : FirmwareRole.Ground, played);
        }
        catch (InvalidDataException ex)
        {
            throw new UserErrorException(ex.Message);
        }
    }

    private static FirmwareResult? ReadResult(string path) =>
        File.Exists(path) ? JsonSerializer.Deserialize<FirmwareResult>(File.ReadAllText(path), ResultJson.Options) : null;
}
