using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using JinanOnboard.Primitives.Recording;

namespace JinanOnboard.Cli.Commands;

internal static partial class CommandCatalog
{
    /// <summary>A stream silent for longer than this (pass time between consecutive records) is reported as a gap.</summary>
    private const double InspectGapThresholdS = 1.0;

    /// <summary>Gaps listed per stream; the rest are counted.</summary>
    private const int InspectGapsListed = 20;

    static partial void AddInspect(RootCommand root)
    {
        var command = new Command("inspect", "Describe a recording (--record): role, config, seed, streams, link statistics, per-packet QBER, gaps, torn tail and damage.");
        var file = new Argument<FileInfo>("FILE") { Description = "A recording written by --record (protocol-spec/recording-seam.md)." };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON." };
        Option<bool> acceptDamage = RecordingOpener.AcceptDamageOption();
        command.Arguments.Add(file);
        command.Options.Add(json);
        command.Options.Add(acceptDamage);
        command.SetAction(parse =>
        {
            InspectResult result = Inspect(parse.GetValue(file)!, parse.GetValue(acceptDamage));
            if (parse.GetValue(json))
            {
                CliJson.Write(result);
            }
            else
            {
                InspectText.Write(result, Console.Out);
            }

            return ExitCodes.Ok;
        });
        root.Subcommands.Add(command);
    }

    private static InspectResult Inspect(FileInfo file, bool acceptDamage)
    {
        var clock = Stopwatch.StartNew();
        using RecordingReader reader = RecordingOpener.Open(file, acceptDamage);
        InspectMetadata metadata = InspectMetadata.Parse(reader.MetadataJson);
        bool payload = metadata.Role == "payload";
        var streams = new Dictionary<(string Stream, TapDirection Direction), InspectStreamTally>();
        var links = new Dictionary<TapDirection, InspectLink>();
        foreach (RecordedUnit unit in reader.ReadAll())
        {
            if (!streams.TryGetValue((unit.Stream, unit.Direction), out InspectStreamTally? tally))
            {
                streams[(unit.Stream, unit.Direction)] = tally = new InspectStreamTally(unit.Stream, unit.Direction);
            }

            tally.Add(unit, InspectGapThresholdS);
            if (unit.Stream == "link")
            {
                if (!links.TryGetValue(unit.Direction, out InspectLink? link))
                {
                    // Frames the payload sends are the payload's outgoing and the ground's incoming ones.
                    bool outgoing = unit.Direction == TapDirection.Outgoing;
                    links[unit.Direction] = link = new InspectLink(outgoing, fromPayload: payload == outgoing);
                }

                link.Add(unit.Data);
            }
        }

        return new InspectResult(
            file.FullName, reader.Version, reader.FileBytes, metadata.Role, metadata.Config, metadata.Seed, metadata.DurationS,
            [.. streams.Values.Select(s => s.Summary(InspectGapsListed))],
            [.. links.Select(l => InspectLinkSummary.Of(l.Key, l.Value))],
            InspectGapThresholdS,
            reader.TornTailOffset, reader.TornTailBytes,
            [.. reader.Damage.Select(d => new InspectDamage(d.Offset, d.Length, d.RecordsLost))],
            Math.Round(clock.Elapsed.TotalSeconds, 3));
    }

    /// <summary>The metadata members `--record` writes; a recording without them still inspects (they print as unknown).</summary>
    private sealed record InspectMetadata(string? Role, string? Config, ulong? Seed, double? DurationS)
    {
        public static InspectMetadata Parse(string json)
        {
            try
            {
                using JsonDocument document = JsonDocument.Parse(json);
                JsonElement root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                {
                    return new InspectMetadata(null, null, null, null);
                }

                return new InspectMetadata(
                    root.TryGetProperty("role", out JsonElement role) && role.ValueKind == JsonValueKind.String ? role.GetString() : null,
                    root.TryGetProperty("config", out JsonElement config) && config.ValueKind == JsonValueKind.String ? config.GetString() : null,
                    root.TryGetProperty("seed", out JsonElement seed) && seed.TryGetUInt64(out ulong s) ? s : null,
                    root.TryGetProperty("duration_s", out JsonElement d) && d.ValueKind == JsonValueKind.Number ? d.GetDouble() : null);
            }
            catch (JsonException)
            {
                return new InspectMetadata(null, null, null, null);
            }
        }
    }
}
