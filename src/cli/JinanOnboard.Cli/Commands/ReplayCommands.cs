using JinanOnboard.Primitives.Detections;
using System.CommandLine;
using System.Text.Json;
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
        var command = new Command("replay", "Read a recording (--record): per-stream counts, and for a ground recording the detection chain re-run on the recorded time tags.");
        var file = new Argument<FileInfo>("FILE") { Description = "A recording written by --record (protocol-spec/recording-seam.md)." };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON." };
        Option<bool> acceptDamage = RecordingOpener.AcceptDamageOption();
        command.Arguments.Add(file);
        command.Options.Add(json);
        command.Options.Add(acceptDamage);
        command.SetAction(parse =>
        {
            ReplayResult result = Replay(parse.GetValue(file)!, parse.GetValue(acceptDamage));
            if (parse.GetValue(json))
            {
                CliJson.Write(result);
            }
            else
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

            return ExitCodes.Ok;
        });
        root.Subcommands.Add(command);
    }

    private static ReplayResult Replay(FileInfo file, bool acceptDamage)
    {
        RecordingReader reader = RecordingOpener.Open(file, acceptDamage);
        using (reader)
        {
            RecordingMetadata metadata = ParseMetadata(reader.MetadataJson, file.FullName);
            PulseIndexer? indexer = null;
            DetectionDigest? digest = null;
            if (metadata.Role == "ground")
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
                indexer is null ? null : timeTags, digest?.Count, digest?.Hex());
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
        string Role, ulong Seed, string Config, IReadOnlyList<StreamSummary> Streams, long TornTailBytes, long? TimeTags, long? Detections, string? DetectionsDigest);
}
