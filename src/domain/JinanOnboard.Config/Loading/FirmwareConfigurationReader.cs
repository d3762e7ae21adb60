using JinanOnboard.Config.Model;

namespace JinanOnboard.Config.Loading;

/// <summary>Maps the JSON sections onto <see cref="FirmwareConfiguration"/>, validating every value.</summary>
internal static class FirmwareConfigurationReader
{
    private static readonly string[] DeviationBounds = ["chernoff", "hoeffding"];
    private static readonly string[] ChannelCodings = ["rs255223", "none"];

    public static FirmwareConfiguration Read(JsonSection root)
    {
        var defaults = new FirmwareConfiguration();
        var configuration = new FirmwareConfiguration
        {
            Name = root.String("name", defaults.Name),
            Seed = root.UnsignedInteger("seed", defaults.Seed),
            Physics = root.String("physics", defaults.Physics),
            Pass = ReadPass(root.Section("pass")),
            Link = ReadLink(root.Section("link")),
            Keys = ReadKeys(root.Section("keys")),
            Telemetry = ReadTelemetry(root.Section("telemetry")),
            Distillation = ReadDistillation(root.Section("distillation")),
            Bench = ReadBench(root.Section("bench")),
        };
        root.RejectUnknownKeys();
        return configuration;
    }

    private static PassSettings ReadPass(JsonSection section)
    {
        var d = new PassSettings();
        var pass = new PassSettings
        {
            DurationS = section.Double("duration_s", d.DurationS, 1, 3600),
            Site = section.String("site", d.Site),
            CulminationUtc = ReadUtc(section, "culmination_utc", d.CulminationUtc),
            SyntheticMaxElevationDeg = section.Double("synthetic_max_elevation_deg", d.SyntheticMaxElevationDeg, 10, 90),
            MinElevationDeg = section.Double("min_elevation_deg", d.MinElevationDeg, 0, 80),
            Realtime = section.Boolean("realtime", d.Realtime),
        };
        section.RejectUnknownKeys();
        if (pass.SyntheticMaxElevationDeg <= pass.MinElevationDeg)
        {
            throw section.Error(section.Combine("synthetic_max_elevation_deg"), $"= {pass.SyntheticMaxElevationDeg} must exceed min_elevation_deg = {pass.MinElevationDeg}");
        }

        return pass;
    }

    private static DateTime ReadUtc(JsonSection section, string key, DateTime defaultValue)
    {
        string text = section.String(key, defaultValue.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture));
        if (!DateTime.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal, out DateTime utc))
        {
            throw section.Error(section.Combine(key), $"= \"{text}\" is not an ISO 8601 UTC time like 2026-03-10T14:30:00Z");
        }

        return DateTime.SpecifyKind(utc, DateTimeKind.Utc);
    }

    private static LinkSettings ReadLink(JsonSection section)
    {
        var d = new LinkSettings();
        var link = new LinkSettings
        {
            Endpoint = section.String("endpoint", d.Endpoint),
            FrameBytes = (int)section.Integer("frame_bytes", d.FrameBytes, 256, 16384),
            Coding = section.String("coding", d.Coding, ChannelCodings),
            SpacecraftId = (int)section.Integer("spacecraft_id", d.SpacecraftId, 0, 255),
            RoundTripMs = section.Double("round_trip_ms", d.RoundTripMs, 0.1, 10_000),
            AckTimeoutMs = section.Double("ack_timeout_ms", d.AckTimeoutMs, 1, 60_000),
            HeartbeatMs = section.Double("heartbeat_ms", d.HeartbeatMs, 1, 60_000),
            LossOfLinkS = section.Double("loss_of_link_s", d.LossOfLinkS, 0.1, 3600),
            GiveUpS = section.Double("give_up_s", d.GiveUpS, 0.1, 86_400),
            NoProgressS = section.Double("no_progress_s", d.NoProgressS, 0.1, 86_400),
            MaxFrameErrorRate = section.Double("max_frame_error_rate", d.MaxFrameErrorRate, 0.01, 1),
            Downlink = ReadDirection(section.Section("downlink")),
            Uplink = ReadDirection(section.Section("uplink")),
        };
        section.RejectUnknownKeys();
        if (!Uri.TryCreate(link.Endpoint, UriKind.Absolute, out _))
        {
            throw section.Error(section.Combine("endpoint"), $"= \"{link.Endpoint}\" is not a URI like tcp://127.0.0.1:7400");
        }

        if (link.HeartbeatMs >= link.LossOfLinkS * 1000)
        {
            throw section.Error(section.Combine("heartbeat_ms"), $"= {link.HeartbeatMs} must be shorter than loss_of_link_s ({link.LossOfLinkS} s)");
        }

        if (link.GiveUpS < link.LossOfLinkS)
        {
            throw section.Error(section.Combine("give_up_s"), $"= {link.GiveUpS} must not be shorter than loss_of_link_s ({link.LossOfLinkS} s)");
        }

        if (link.NoProgressS * 1000 <= link.AckTimeoutMs)
        {
            throw section.Error(section.Combine("no_progress_s"), $"= {link.NoProgressS} must be longer than ack_timeout_ms ({link.AckTimeoutMs} ms)");
        }

        return link;
    }

    /// <summary>Bound of duplicate_probability and reorder_probability (the emulation's LinkDirectionOptions.MaxDisorderProbability).</summary>
    private const double MaxDisorderProbability = 0.5;

    /// <summary>Bound of jitter_ms: beyond the 200 ms ack timeout's half, jitter alone would trigger retransmissions.</summary>
    private const double MaxJitterMs = 100;

    private static LinkDirectionSettings ReadDirection(JsonSection section)
    {
        var d = new LinkDirectionSettings();
        JsonSection ge = section.Section("gilbert_elliott");
        var direction = new LinkDirectionSettings
        {
            RateBps = section.Double("rate_bps", d.RateBps, 1e3, 1e11),
            DelayMs = section.OptionalDouble("delay_ms", 0, 10_000),
            GoodToBad = ge.Double("p_good_to_bad", d.GoodToBad, 0, 1),
            BadToGood = ge.Double("p_bad_to_good", d.BadToGood, 1e-6, 1),
            LossGood = ge.Double("loss_good", d.LossGood, 0, 0.5),
            LossBad = ge.Double("loss_bad", d.LossBad, 0, 1),
            BitErrorRate = section.Double("bit_error_rate", d.BitErrorRate, 0, 1e-3),
            DuplicateProbability = section.Double("duplicate_probability", d.DuplicateProbability, 0, MaxDisorderProbability),
            ReorderProbability = section.Double("reorder_probability", d.ReorderProbability, 0, MaxDisorderProbability),
            JitterMs = section.Double("jitter_ms", d.JitterMs, 0, MaxJitterMs),
            Outages = section.Array("outages").Select(ReadOutage).ToList(),
        };
        ge.RejectUnknownKeys();
        section.RejectUnknownKeys();
        return direction;
    }

    private static OutageSettings ReadOutage(JsonSection section)
    {
        double start = section.Double("start_s", 0, 0, 86_400);
        double end = section.Double("end_s", 0, 0, 86_400);
        string reason = section.String("reason", "outage");
        section.RejectUnknownKeys();
        if (end <= start)
        {
            throw section.Error(section.Combine("end_s"), $"= {end} must be after start_s = {start}");
        }

        return new OutageSettings(start, end, reason);
    }

    private static KeySettings ReadKeys(JsonSection section)
    {
        var keys = new KeySettings { Directory = section.String("directory", new KeySettings().Directory) };
        section.RejectUnknownKeys();
        return keys;
    }

    private static BenchSettings ReadBench(JsonSection section)
    {
        var d = new BenchSettings();
        var bench = new BenchSettings
        {
            Apt = section.String("apt", d.Apt, [BenchSettings.AptDrivers, BenchSettings.AptBypassed, BenchSettings.AptOff]),
            Polarization = section.String("polarization", d.Polarization, [BenchSettings.PolarizationCompensated, BenchSettings.PolarizationOff, BenchSettings.PolarizationFixed]),
        };
        section.RejectUnknownKeys();
        return bench;
    }

    private static TelemetrySettings ReadTelemetry(JsonSection section)
    {
        var d = new TelemetrySettings();
        var telemetry = new TelemetrySettings
        {
            PeriodS = section.Double("period_s", d.PeriodS, 0.01, 60),
            SyncWordsPerMessage = (int)section.Integer("sync_words_per_message", d.SyncWordsPerMessage, 1, 9500),
        };
        section.RejectUnknownKeys();
        return telemetry;
    }

    /// <summary>Circulant size of the LDPC code book (protocol-spec/ldpc-codes.md §4): a packet is a whole number of base columns.</summary>
    private const int LdpcLiftingSize = 16;

    private static ReconciliationSettings ReadReconciliation(JsonSection section)
    {
        var d = new ReconciliationSettings();
        var reconciliation = new ReconciliationSettings
        {
            QberMargin = section.Double("qber_margin", d.QberMargin, 0, 0.5),
            MinQber = section.Double("min_qber", d.MinQber, 0, 0.5),
            MaxQber = section.Double("max_qber", d.MaxQber, 0, 0.5),
        };
        section.RejectUnknownKeys();
        return reconciliation;
    }

    private static DistillationSettings ReadDistillation(JsonSection section)
    {
        var d = new DistillationSettings();
        var distillation = new DistillationSettings
        {
            PacketBits = (int)section.Integer("packet_bits", d.PacketBits, 1000, 1_000_000),
            PaBlockBits = (int)section.Integer("pa_block_bits", d.PaBlockBits, 1000, 900_000),
            SampleFraction = section.Double("sample_fraction", d.SampleFraction, 0.01, 0.5),
            EpsilonSec = section.Double("epsilon_sec", d.EpsilonSec, 1e-30, 1e-3),
            EpsilonCor = section.Double("epsilon_cor", d.EpsilonCor, 1e-30, 1e-3),
            DeviationBound = section.String("deviation_bound", d.DeviationBound, DeviationBounds),
            Reconciliation = ReadReconciliation(section.Section("reconciliation")),
        };
        section.RejectUnknownKeys();
        if (distillation.PacketBits % LdpcLiftingSize != 0)
        {
            throw section.Error(section.Combine("packet_bits"), $"= {distillation.PacketBits} must be a multiple of {LdpcLiftingSize} (the LDPC codes are quasi-cyclic with 16 × 16 circulants)");
        }

        if (distillation.PaBlockBits % distillation.PacketBits != 0)
        {
            throw section.Error(section.Combine("pa_block_bits"), $"= {distillation.PaBlockBits} must be a whole number of packets (packet_bits = {distillation.PacketBits})");
        }

        if (distillation.PacketBits == 100_000 && (distillation.PaBlockBits < 100_000 || distillation.PaBlockBits > 900_000))
        {
            throw section.Error(section.Combine("pa_block_bits"), $"= {distillation.PaBlockBits} is out of range [100000, 900000] in steps of 100000");
        }

        return distillation;
    }
}
