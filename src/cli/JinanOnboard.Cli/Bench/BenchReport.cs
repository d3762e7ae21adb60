using System.Text.Json.Nodes;
using JinanOnboard.Runtime.Hosting;
using JinanOnboard.Protocol.Delivery;

namespace JinanOnboard.Cli.Bench;

/// <summary>report.json: what ran, both processes, link statistics per side, and each side's details.</summary>
internal sealed class BenchReport
{
    private BenchReport(JsonObject root, BenchOutcome outcome)
    {
        Root = root;
        Outcome = outcome;
    }

    public JsonObject Root { get; }

    public BenchOutcome Outcome { get; }

    public static BenchReport Create(BenchRequest request, BenchOutcome outcome, double wallSeconds)
    {
        var root = new JsonObject
        {
            ["status"] = outcome.Status,
            ["error"] = outcome.Failure,
            ["configuration"] = request.Configuration.Source,
            ["configuration_name"] = request.Configuration.Name,
            ["seed"] = request.Seed,
            ["transport"] = request.Transport,
            ["realtime"] = request.Realtime,
            ["pass_seconds"] = outcome.Ground?.PassSeconds ?? outcome.Payload?.PassSeconds ?? 0,
            ["wall_seconds"] = Math.Round(wallSeconds, 3),
            ["processes"] = new JsonObject
            {
                ["payload"] = Process(outcome.Payload, outcome.PayloadPid, outcome.PayloadExitCode, outcome.StoppedByBench.GetValueOrDefault("payload")),
                ["ground"] = Process(outcome.Ground, outcome.GroundPid, outcome.GroundExitCode, outcome.StoppedByBench.GetValueOrDefault("ground")),
            },
            ["link"] = new JsonObject
            {
                ["downlink"] = Direction(outcome.Payload?.Link, outcome.Ground?.Link, outcome.Payload?.Emulation, wallSeconds),
                ["uplink"] = Direction(outcome.Ground?.Link, outcome.Payload?.Link, outcome.Ground?.Emulation, wallSeconds),
            },
            ["payload"] = Details(outcome.Payload),
            ["ground"] = Details(outcome.Ground),
        };
        AddDistillation(root);
        AddPointing(root);
        if (root["ground"]?["polarization"] is JsonNode polarization)
        {
            root["polarization"] = polarization.DeepClone(); // the channel's polarization model: calibration, HWP, error per second
        }

        return new BenchReport(root, outcome);
    }

    /// <summary>
    /// The pointing loops of both ends at the top level (issue 16): each end's loops, acquisition and events, and what the
    /// light saw of them (the ground's channel coupling). Absent when the bench ran no loops (bench.apt: off).
    /// </summary>
    private static void AddPointing(JsonObject root)
    {
        JsonNode? payload = root["payload"]?["apt"];
        JsonNode? ogs = root["ground"]?["apt"];
        if (payload is null && ogs is null)
        {
            return;
        }

        root["apt"] = new JsonObject
        {
            ["payload"] = payload?.DeepClone(),
            ["ogs"] = ogs?.DeepClone(),
            ["channel_coupling"] = root["ground"]?["pointing_coupling"]?.DeepClone(),
        };
    }

    /// <summary>The distillation figures of issue 3 at the top level: the OGS's view, both key hashes.</summary>
    internal static void AddDistillation(JsonObject root)
    {
        JsonNode? ground = root["ground"];
        JsonNode? payload = root["payload"];
        root["detections"] = ground?["detections"]?.DeepClone();
        root["sifted_bits"] = ground?["sifted_bits"]?.DeepClone();
        root["sifted_packets"] = ground?["sifted_packets"]?.DeepClone();
        root["qber_per_packet"] = ground?["packets"] is JsonArray packets
            ? new JsonArray(packets.Select(p => (JsonNode?)JsonValue.Create(ReportNumbers.AsFinite(p?["exact_qber"]) ?? ReportNumbers.AsFinite(p?["sampled_qber"]))).ToArray())
            : null;
        root["final_key_bits"] = ground?["stored_key_bits"]?.DeepClone();
        root["pa_blocks"] = ground?["pa_blocks"]?.DeepClone();
        root["payload_key_sha256"] = payload?["key_sha256"]?.DeepClone();
        root["ground_key_sha256"] = ground?["key_sha256"]?.DeepClone();
        root["keys_identical"] = payload?["key_sha256"] is not null && payload["key_sha256"]!.ToString() == ground?["key_sha256"]?.ToString();
    }

    /// <param name="stoppedByBench">Why the bench killed this side itself, if it did (then it has no result of its own).</param>
    private static JsonObject Process(FirmwareResult? result, int? pid, int? exitCode, string? stoppedByBench) => new()
    {
        ["pid"] = pid,
        ["exit_code"] = exitCode,
        ["status"] = result?.Status ?? (stoppedByBench is null ? "no result" : "stopped by bench"),
        ["error"] = result?.Error ?? stoppedByBench,
        ["wall_seconds"] = result is null ? null : Math.Round(result.WallSeconds, 3),
    };

    /// <summary>One direction seen from both ends: what the sender sent and retransmitted, what the receiver got and rejected.</summary>
    /// <remarks>
    /// <paramref name="emulation"/> is the sender's emulated transmitter (it emulates its own direction): chunks lost,
    /// in outage, and the line utilisation, bits carried / (rate × wall time of the link).
    /// </remarks>
    private static JsonObject Direction(LinkStatisticsSnapshot? sender, LinkStatisticsSnapshot? receiver, EmulationStatistics? emulation, double wallSeconds)
    {
        long sent = sender?.FramesSent ?? 0;
        long received = receiver?.FramesReceived ?? 0;
        long rejected = receiver?.FramesRejected ?? 0;
        long goodputBytes = receiver?.PayloadBytesReceived ?? 0;
        return new JsonObject
        {
            ["frames_sent"] = sent,
            ["frames_received"] = received,
            ["frames_rejected"] = rejected,
            ["frames_bad_crc"] = receiver?.FramesBadCrc ?? 0,
            ["frames_bad_signature"] = receiver?.FramesBadSignature ?? 0,
            ["frames_replayed"] = receiver?.FramesReplayed ?? 0,
            ["frames_corrected"] = receiver?.FramesCorrected ?? 0,
            ["symbols_corrected"] = receiver?.SymbolsCorrected ?? 0,
            ["frames_uncorrectable"] = receiver?.FramesUncorrectable ?? 0,
            // A replayed frame is an extra copy (the link duplicated it), not one of the frames sent: it cannot stand
            // for a sent frame that went missing.
            ["frames_lost"] = Math.Max(0, sent - received - (rejected - (receiver?.FramesReplayed ?? 0))),
            ["retransmissions"] = sender?.Retransmissions ?? 0,
            ["messages_sent"] = sender?.MessagesSent ?? 0,
            ["messages_received"] = receiver?.MessagesReceived ?? 0,
            ["payload_bytes_delivered"] = goodputBytes,
            ["goodput_mbit_per_s"] = wallSeconds > 0 ? Math.Round(goodputBytes * 8 / wallSeconds / 1e6, 3) : 0,
            ["emulation"] = emulation is null ? null : System.Text.Json.JsonSerializer.SerializeToNode(emulation, ResultJson.Options),
            ["utilisation"] = emulation is null ? null : Math.Round(emulation.Utilisation, 4),
        };
    }

    private static JsonNode? Details(FirmwareResult? result)
    {
        if (result is null)
        {
            return null;
        }

        return System.Text.Json.JsonSerializer.SerializeToNode(result.Details, ResultJson.Options);
    }
}
