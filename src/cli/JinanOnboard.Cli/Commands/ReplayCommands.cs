using JinanOnboard.Primitives.Detections;
using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using JinanOnboard.Primitives.Recording;
using JinanOnboard.Primitives.TimeTags;
using JinanOnboard.Runtime.Plan;
using JinanOnboard.Detection;
using JinanOnboard.Detection.Indexing;
using JinanOnboard.Ground.Components.Detection;

namespace JinanOnboard.Cli.Commands;

internal static partial class CommandCatalog
{
    static partial void AddReplay(RootCommand root)
    {
        var command = new Command("replay", "Re-run a recorded pass (--record; protocol-spec/replay.md): a ground recording through the current OGS against its recorded payload, "
            + "two recordings checked frame by frame, or a recorded payload against a live ground (--as payload).");
        var files = new Argument<FileInfo[]>("FILE") { Description = "A recording written by --record (recording-seam.md); two (payload and ground of one pass) to check the frames between them.", Arity = ArgumentArity.OneOrMore };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON." };
        var output = new Option<string>("--out") { Description = "Directory for report.json, the replayed OGS's result, log and key store.", DefaultValueFactory = _ => Path.Combine("out", "replay") };
        var speed = new Option<string>("--speed") { Description = "1 plays at recorded pass timing, N at N times it, max as fast as the live side goes.", DefaultValueFactory = _ => "max" };
        var set = new Option<string[]>("--set") { Description = "KEY=VALUE: re-distil with a changed setting (distillation.pa_block_bits, epsilon_sec, epsilon_cor, deviation_bound); repeatable.", AllowMultipleArgumentsPerToken = false };
        var role = new Option<string?>("--as") { Description = "payload: play the recorded payload into a live ground at --endpoint." };
        var endpoint = new Option<string?>("--endpoint") { Description = "With --as payload: the live ground's endpoint, e.g. tcp://127.0.0.1:7400 or serial:///dev/ttyUSB0?baud=921600." };
        var approved = new Option<string?>("--approved") { Description = "A golden report: the replay must reproduce each of its figures (exit 1 naming those it does not)." };
        var approve = new Option<string?>("--approve") { Description = "Write this replay's deterministic figures as the golden report FILE (re-approval after a deliberate change)." };
        var secrets = new Option<string?>("--payload-secrets") { Description = "With --as payload: the key directory `jinan keys init` made (payload.key, ground.pub); never taken from the recording." };
        Option<bool> acceptDamage = RecordingOpener.AcceptDamageOption();
        command.Arguments.Add(files);
        foreach (Option option in new Option[] { json, output, speed, set, role, endpoint, secrets, approved, approve, acceptDamage })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            FileInfo[] recordings = parse.GetValue(files)!;
            double? pace = ParseSpeed(parse.GetValue(speed)!);
            IReadOnlyList<KeyValuePair<string, string>> settings = JinanOnboard.Cli.Replay.ReplaySettings.Parse(parse.GetValue(set) ?? []);
            string? playAs = parse.GetValue(role);
            if (recordings.Length == 2)
            {
                return PrintBothSides(JinanOnboard.Cli.Replay.BothSidesCheck.Run(recordings[0].FullName, recordings[1].FullName), parse.GetValue(json));
            }

            if (recordings.Length > 2)
            {
                throw new UserErrorException("replay: one recording, or the payload's and the ground's of one pass");
            }

            // A ground-only replay's OGS indexes the recorded tags itself and reports their digest: no second pass over them here.
            ReplayResult summary = Replay(recordings[0], parse.GetValue(acceptDamage), reindex: playAs is not null);
            if (playAs is not null)
            {
                if (playAs != "payload")
                {
                    throw new UserErrorException($"--as {playAs}: only payload (a recorded ground cannot make the payload's keys; see protocol-spec/replay.md)");
                }

                if (settings.Count > 0)
                {
                    throw new UserErrorException("--set: only in a ground-only replay (a live ground's settings are its own)");
                }

                if (summary.Role != "payload")
                {
                    throw new UserErrorException($"--as payload needs a payload recording; {recordings[0].FullName} is the {summary.Role}'s");
                }

                string live = parse.GetValue(endpoint) ?? throw new UserErrorException("--as payload needs --endpoint URI (the live ground's)");
                string keys = parse.GetValue(secrets) ?? throw new UserErrorException("--as payload needs --payload-secrets DIR (the payload's keys, never in the recording)");
                if (!File.Exists(Path.Combine(keys, "payload.key")) || !File.Exists(Path.Combine(keys, "ground.pub")))
                {
                    throw new UserErrorException($"--payload-secrets {keys}: needs payload.key and ground.pub (jinan keys init)");
                }

                JsonObject liveReport = await JinanOnboard.Cli.Replay.ReplayRun.AgainstLiveGroundAsync(Request(summary, recordings[0], parse.GetValue(output)!, pace, settings), live, keys, cancellationToken);
                return Finish(liveReport, parse.GetValue(output)!, parse.GetValue(json), null, parse.GetValue(approved), parse.GetValue(approve));
            }

            if (summary.Role != "ground")
            {
                if (parse.GetValue(json))
                {
                    CliJson.Write(summary);
                }
                else
                {
                    PrintSummary(summary);
                }

                return ExitCodes.Ok; // a payload recording alone: its streams (--as payload plays it)
            }

            JsonObject report = await JinanOnboard.Cli.Replay.ReplayRun.GroundOnlyAsync(Request(summary, recordings[0], parse.GetValue(output)!, pace, settings), cancellationToken);
            return Finish(report, parse.GetValue(output)!, parse.GetValue(json), summary, parse.GetValue(approved), parse.GetValue(approve));
        });
        root.Subcommands.Add(command);
    }

    private static JinanOnboard.Cli.Replay.ReplayRequest Request(ReplayResult summary, FileInfo file, string output, double? speed, IReadOnlyList<KeyValuePair<string, string>> settings)
        => new(file.FullName, summary.Role, summary.Config, summary.Seed, summary.DurationS, Path.GetFullPath(output), speed, settings);

    private static double? ParseSpeed(string text)
    {
        if (text == "max")
        {
            return null;
        }

        return double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double value) && value > 0 && double.IsFinite(value)
            ? value
            : throw new UserErrorException($"--speed {text}: expected 1, a factor N > 0, or max");
    }

    /// <summary>Writes report.json, prints it (--json) or its summary, and gives the exit code: 0 only when the replay completed.</summary>
    private static int Finish(JsonObject report, string output, bool json, ReplayResult? summary, string? approvedPath = null, string? approvePath = null)
    {
        JsonArray? unapproved = approvedPath is null ? null : JinanOnboard.Cli.Replay.ReplayFigures.AgainstApproved(report, approvedPath);
        if (unapproved is not null)
        {
            report["approved"] = new JsonObject { ["file"] = Path.GetFullPath(approvedPath!), ["differences"] = unapproved };
        }

        if (approvePath is not null && report["status"]?.GetValue<string>() == "completed")
        {
            File.WriteAllText(approvePath, JinanOnboard.Cli.Replay.ReplayFigures.Approvable(report).ToJsonString(Runtime.Hosting.ResultJson.Options) + "\n");
            Console.Error.WriteLine($"jinan replay: approved figures written to {approvePath}");
        }

        if (summary is not null)
        {
            // The detection digest of the recorded tags (recording-seam.md §Replay) stays part of the answer.
            JsonNode? replayed = report["ground"];
            report["time_tags"] = summary.TimeTags ?? replayed?["time_tags"]?.GetValue<long>();
            report["detections_digest"] = summary.DetectionsDigest ?? replayed?["detections_digest"]?.GetValue<string>();
            report["torn_tail_bytes"] = summary.TornTailBytes;
            report["streams"] = JsonSerializer.SerializeToNode(summary.Streams, Runtime.Hosting.ResultJson.Options);
        }

        Directory.CreateDirectory(output);
        string path = Path.Combine(output, "report.json");
        File.WriteAllText(path, report.ToJsonString(Runtime.Hosting.ResultJson.Options));
        string status = report["status"]?.GetValue<string>() ?? "failed";
        if (json)
        {
            Console.Out.WriteLine(report.ToJsonString(Runtime.Hosting.ResultJson.Options));
        }
        else
        {
            if (summary is not null)
            {
                PrintSummary(summary);
            }

            if (status == "configuration_error")
            {
                Console.Error.WriteLine($"jinan replay: the live side refused the recorded plan (\"here\" is the recording): {report["error"]}");
                return ExitCodes.Usage; // nothing was replayed: no figures to print
            }

            Console.Out.WriteLine($"replay {status}: {report["pass_seconds"]} s of pass in {report["wall_seconds"]} s ({report["times_real_time"]}x real time), "
                + $"{report["final_key_bits"]} key bits, key sha256 {report["ground_key_sha256"]}");
            if (report["differences"] is JsonArray differences)
            {
                Console.Out.WriteLine(differences.Count == 0
                    ? "  identical to the recorded pass (key hashes, per-packet QBER, PA blocks)"
                    : $"  differs from the recorded pass in: {string.Join(", ", differences.Select(d => d?["figure"]?.GetValue<string>()))}");
            }

            if (unapproved is not null)
            {
                Console.Out.WriteLine(unapproved.Count == 0
                    ? $"  reproduces the approved report {approvedPath}"
                    : $"  does not reproduce the approved report {approvedPath} in: {string.Join(", ", unapproved.Select(d => d?["figure"]?.GetValue<string>()))}");
            }

            Console.Out.WriteLine($"  report: {path}");
        }

        if (status != "completed")
        {
            Console.Error.WriteLine(status == "configuration_error"
                ? $"jinan replay: the live side refused the recorded plan (\"here\" is the recording): {report["error"]}"
                : $"jinan replay: {status}: {report["error"]}");
            return status == "configuration_error" ? ExitCodes.Usage : ExitCodes.Failure;
        }

        if (unapproved is { Count: > 0 })
        {
            Console.Error.WriteLine($"jinan replay: the replay does not reproduce the approved report {approvedPath}");
            return ExitCodes.Failure;
        }

        return ExitCodes.Ok;
    }

    private static int PrintBothSides(JinanOnboard.Cli.Replay.BothSidesCheck.Result result, bool json)
    {
        if (json)
        {
            CliJson.Write(result);
        }
        else
        {
            foreach (JinanOnboard.Cli.Replay.BothSidesCheck.DirectionResult d in result.Directions)
            {
                Console.Out.WriteLine($"  {d.Direction,-8} {d.FramesSent,8} frames sent, {d.FramesReceived,8} received ({d.Duplicates} duplicates), {d.DamagedOnLink} damaged and {d.Lost} lost on the link");
            }

            Console.Out.WriteLine(result.Divergence is { } first
                ? $"first divergence: {first.Direction} frame {first.FrameSequence}, record {first.RecordIndex} of {first.Recording} (pass {first.PassS:F3} s), byte {first.ByteOffset}: sent {first.Sent}, received {first.Received}"
                : "every frame received is a frame the other side sent; the rest were lost or damaged on the emulated link");
        }

        if (result.Divergence is not null)
        {
            Console.Error.WriteLine("jinan replay: the recordings diverge");
            return ExitCodes.Failure;
        }

        return ExitCodes.Ok;
    }

    private static void PrintSummary(ReplayResult result)
    {
        Console.Out.WriteLine($"{result.Role} recording, seed {result.Seed}, config {result.Config}");
        foreach (StreamSummary stream in result.Streams)
        {
            Console.Out.WriteLine($"  {stream.Stream,-9} {stream.Direction,-8} {stream.Records,9} records {stream.Bytes,13} bytes  pass time {stream.FirstPassS:F3}…{stream.LastPassS:F3} s");
        }

        if (result.TornTailBytes > 0)
        {
            Console.Out.WriteLine($"  torn tail: {result.TornTailBytes} bytes after the last whole record (the recorder did not close)");
        }

        if (result.Detections is { } detections)
        {
            Console.Out.WriteLine($"  re-indexed {result.TimeTags} time tags: {detections} detections, digest {result.DetectionsDigest}");
        }
    }

    /// <param name="reindex">Re-run the detection chain on a ground recording's tags for their digest (not when the replayed OGS does).</param>
    private static ReplayResult Replay(FileInfo file, bool acceptDamage, bool reindex = true)
    {
        RecordingReader reader = RecordingOpener.Open(file, acceptDamage);
        using (reader)
        {
            RecordingMetadata metadata = ParseMetadata(reader.MetadataJson, file.FullName);
            PulseIndexer? indexer = null;
            DetectionDigest? digest = null;
            if (metadata.Role == "ground" && reindex)
            {
                // The recorded pass's plan (nothing is written: the replay keeps no keys).
                RunPlan plan = ResolvePlan(new RunOverrides { Config = metadata.Config, Seed = metadata.Seed, DurationS = metadata.DurationS, OutputDirectory = Path.GetTempPath() });
                indexer = new PulseIndexer(ReceiverSetup.IndexerOptions(plan));
                digest = new DetectionDigest();
            }

            var streams = new Dictionary<(string, TapDirection), StreamSummary>();
            var tags = new TimeTag[1024];
            var detections = new PulseDetection[1024];
            long timeTags = 0;
            foreach (RecordedUnit unit in reader.ReadAll())
            {
                double passS = unit.PassTime.TotalSeconds;
                streams[(unit.Stream, unit.Direction)] = streams.TryGetValue((unit.Stream, unit.Direction), out StreamSummary? s)
                    ? s with { Records = s.Records + 1, Bytes = s.Bytes + unit.Data.Length, LastPassS = passS }
                    : new StreamSummary(unit.Stream, unit.Direction == TapDirection.Outgoing ? "outgoing" : "incoming", 1, unit.Data.Length, passS, passS);
                if (indexer is null || unit.Stream != "time-tags")
                {
                    continue;
                }

                // The seam's tag records, re-run exactly as the live receiver ran them.
                if (tags.Length < TimeTagRecords.Count(unit))
                {
                    tags = new TimeTag[TimeTagRecords.Count(unit)];
                    detections = new PulseDetection[tags.Length];
                }

                int count = TimeTagRecords.Read(unit, tags);

                timeTags += count;
                int produced = indexer.Process(tags.AsSpan(0, count), detections);
                digest!.Add(detections.AsSpan(0, produced));
            }

            if (indexer is not null)
            {
                int flushed = indexer.Flush(detections);
                digest!.Add(detections.AsSpan(0, flushed));
            }

            ReplayResult result = new(metadata.Role, metadata.Seed, metadata.Config, [.. streams.Values], reader.TornTailBytes,
                indexer is null ? null : timeTags, digest?.Count, digest?.Hex()) { DurationS = metadata.DurationS };
            return result;
        }
    }

    private static RecordingMetadata ParseMetadata(string json, string path)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(json);
            JsonElement root = document.RootElement;
            return new RecordingMetadata(
                root.GetProperty("role").GetString() ?? throw new InvalidDataException("role"),
                root.GetProperty("config").GetString() ?? throw new InvalidDataException("config"),
                root.GetProperty("seed").GetUInt64(),
                root.TryGetProperty("duration_s", out JsonElement d) && d.ValueKind == JsonValueKind.Number ? d.GetDouble() : null);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or InvalidDataException)
        {
            throw new UserErrorException($"{path}: the recording's metadata is not what `--record` writes ({ex.Message})");
        }
    }

    private sealed record RecordingMetadata(string Role, string Config, ulong Seed, double? DurationS);

    internal sealed record StreamSummary(string Stream, string Direction, long Records, long Bytes, double FirstPassS, double LastPassS);

    internal sealed record ReplayResult(
        string Role, ulong Seed, string Config, IReadOnlyList<StreamSummary> Streams, long TornTailBytes, long? TimeTags, long? Detections, string? DetectionsDigest)
    {
        /// <summary>The recorded pass's length, from the metadata (null when the recorder did not know it).</summary>
        [System.Text.Json.Serialization.JsonIgnore]
        public double? DurationS { get; init; }
    }
}
