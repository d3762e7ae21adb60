namespace JinanOnboard.Config.Model;

/// <summary>
/// Everything one firmware process (payload or ground) and the bench need to run a pass.
/// Read from JSON (configs/*.json, snake_case keys) by <see cref="Loading.ConfigurationLoader"/>;
/// defaults are the Jinan-1 values of parameters.md.
/// </summary>
public sealed record FirmwareConfiguration
{
    /// <summary>Where this configuration came from (a path, or "built-in default").</summary>
    public string Source { get; init; } = "built-in default";

    /// <summary>Human name of the set.</summary>
    public string Name { get; init; } = "jinan1-default";

    /// <summary>Run seed: every random source of the run derives from it (SeedSequence).</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Name or path of the physics parameter set (configs/physics/NAME.json).</summary>
    public string Physics { get; init; } = "jinan1";

    public PassSettings Pass { get; init; } = new();

    public LinkSettings Link { get; init; } = new();

    public KeySettings Keys { get; init; } = new();

    public TelemetrySettings Telemetry { get; init; } = new();

    public DistillationSettings Distillation { get; init; } = new();

    public BenchSettings Bench { get; init; } = new();
}

/// <summary>
/// How the simulated optical bench stands in for the hardware (ignored by processes on real hardware).
/// <see cref="Apt"/>: "drivers" (default) runs both ends' pointing loops with the fast steering mirrors commanded through
/// their real driver to device simulators; "bypassed" commands the plant models directly; "off" runs no loops and
/// applies the physics set's fixed pointing error (link.pointing_error_urad), as before the loops existed.
/// </summary>
public sealed record BenchSettings
{
    public const string AptDrivers = "drivers";
    public const string AptBypassed = "bypassed";
    public const string AptOff = "off";

    public string Apt { get; init; } = AptDrivers;

    public const string PolarizationCompensated = "compensated";
    public const string PolarizationOff = "off";
    public const string PolarizationFixed = "fixed";

    /// <summary>
    /// The channel's polarization error: "compensated" (default: Jones model of fibre, calibrated QWP–HWP–QWP and the OGS
    /// HWP following the pass geometry), "off" (the same fibre and frame rotation with no compensation), "fixed" (the
    /// middle of the physics set's protocol.polarization_qber range, as before the model was wired).
    /// </summary>
    public string Polarization { get; init; } = PolarizationCompensated;

    /// <summary>True when the loops run (drivers or bypassed).</summary>
    public bool AptOn => Apt != AptOff;
}

/// <summary>The pass the session emulates.</summary>
public sealed record PassSettings
{
    /// <summary>Usable link time of the pass, seconds (system.md: ~300 s).</summary>
    public double DurationS { get; init; } = 300;

    /// <summary>Ground site name (built-in catalogue) or "lat,lon,height_m".</summary>
    public string Site { get; init; } = "Jinan";

    /// <summary>Maximum elevation of the synthetic pass, degrees.</summary>
    public double SyntheticMaxElevationDeg { get; init; } = 60;

    /// <summary>
    /// Culmination of the synthetic pass, UTC. Default 2026-01-15 14:30 UTC (22:30 Beijing time; system.md:
    /// night passes start around 22:30 local). The bench pass and `jinan link pass` share this default.
    /// </summary>
    public DateTime CulminationUtc { get; init; } = DefaultCulminationUtc;

    /// <summary>The default synthetic culmination (one place for the bench and the link tools).</summary>
    public static readonly DateTime DefaultCulminationUtc = new(2026, 1, 15, 14, 30, 0, DateTimeKind.Utc);

    /// <summary>Minimum elevation for QKD, degrees (parameters.md: 10, assumed): every second of the pass window must be above it.</summary>
    public double MinElevationDeg { get; init; } = 10;

    /// <summary>Pace the pass clock to the wall clock (true) or run as fast as possible (false).</summary>
    public bool Realtime { get; init; }
}

/// <summary>The classical laser link and its emulation.</summary>
public sealed record LinkSettings
{
    /// <summary>Transport endpoint URI: where the ground listens and the payload connects.</summary>
    public string Endpoint { get; init; } = "tcp://127.0.0.1:7400";

    /// <summary>Fixed transfer-frame length in bytes (protocol-spec/frames.md).</summary>
    public int FrameBytes { get; init; } = 4096;

    /// <summary>
    /// Channel coding of every frame (protocol-spec/frames.md "Channel coding"): <c>rs255223</c>, interleaved CCSDS
    /// Reed–Solomon (255,223), or <c>none</c>. Both ends must agree (it is in the plan agreement).
    /// </summary>
    public string Coding { get; init; } = "rs255223";

    /// <summary>CCSDS spacecraft identifier carried in every frame.</summary>
    public int SpacecraftId { get; init; } = 0x2A;

    /// <summary>Round-trip time assumed when sizing the send window (bandwidth-delay product).</summary>
    public double RoundTripMs { get; init; } = 20;

    /// <summary>First retransmission after this long without an acknowledgement.</summary>
    public double AckTimeoutMs { get; init; } = 200;

    /// <summary>An idle link sends a heartbeat this often.</summary>
    public double HeartbeatMs { get; init; } = 100;

    /// <summary>No valid frame from the peer for this long marks the link down (before the handshake: lost).</summary>
    public double LossOfLinkS { get; init; } = 5;

    /// <summary>No valid frame from the peer for this long ends the session (link_lost); shorter silences are outages the pass rides out.</summary>
    public double GiveUpS { get; init; } = 60;

    /// <summary>Link up but no reliable message acknowledged for this long while some wait: link_degraded.</summary>
    public double NoProgressS { get; init; } = 30;

    /// <summary>Link up but more than this share of the peer's frames failed to arrive intact over no_progress_s: link_degraded.</summary>
    public double MaxFrameErrorRate { get; init; } = 0.9;

    /// <summary>Payload to ground (812 nm).</summary>
    public LinkDirectionSettings Downlink { get; init; } = new();

    /// <summary>Ground to payload (1538 nm).</summary>
    public LinkDirectionSettings Uplink { get; init; } = new();
}

/// <summary>Emulation of one direction of the laser link.</summary>
public sealed record LinkDirectionSettings
{
    /// <summary>Serialisation rate, bit/s (system.md: 156 Mbit/s).</summary>
    public double RateBps { get; init; } = 156e6;

    /// <summary>Fixed one-way delay in ms, or null to follow the slant range of the pass (range / c).</summary>
    public double? DelayMs { get; init; }

    /// <summary>Gilbert–Elliott: probability per chunk of moving from the good to the bad state.</summary>
    public double GoodToBad { get; init; } = 0.002;

    /// <summary>Gilbert–Elliott: probability per chunk of moving from the bad to the good state.</summary>
    public double BadToGood { get; init; } = 0.2;

    /// <summary>Chunk loss probability in the good state.</summary>
    public double LossGood { get; init; } = 0.001;

    /// <summary>Chunk loss probability in the bad state (a fade).</summary>
    public double LossBad { get; init; } = 0.5;

    /// <summary>Bit error rate on delivered chunks (the frame CRC catches them).</summary>
    public double BitErrorRate { get; init; } = 1e-8;

    /// <summary>Probability that a delivered CADU arrives twice (0 .. 0.5; 0 by default: a laser link does not duplicate).</summary>
    public double DuplicateProbability { get; init; }

    /// <summary>Probability that a delivered CADU is swapped with the next one (0 .. 0.5; 0 by default).</summary>
    public double ReorderProbability { get; init; }

    /// <summary>Largest extra delay of a CADU, ms, drawn uniformly per CADU (0 .. 100; 0 by default). Bunches, never reorders.</summary>
    public double JitterMs { get; init; }

    /// <summary>Intervals of pass time with no link at all (cloud, loss of lock).</summary>
    public IReadOnlyList<OutageSettings> Outages { get; init; } = [];
}

/// <summary>A link outage, in seconds of pass time.</summary>
public sealed record OutageSettings(double StartS, double EndS, string Reason);

/// <summary>Ed25519 identities (PKCS#8 / SubjectPublicKeyInfo PEM files, see `jinan keys init`).</summary>
public sealed record KeySettings
{
    /// <summary>Directory holding payload.key, payload.pub, ground.key and ground.pub.</summary>
    public string Directory { get; init; } = "keys";
}

/// <summary>Housekeeping telemetry.</summary>
public sealed record TelemetrySettings
{
    /// <summary>Telemetry period, seconds of pass time.</summary>
    public double PeriodS { get; init; } = 1;

    /// <summary>Sync words per time-sync message (9.5 kHz → 950 per 100 ms).</summary>
    public int SyncWordsPerMessage { get; init; } = 950;
}

/// <summary>Key distillation settings (system.md steps 2–6, finite-key.md).</summary>
public sealed record DistillationSettings
{
    /// <summary>Sifted key packet (one LDPC block), bits.</summary>
    public int PacketBits { get; init; } = 100_000;

    /// <summary>Privacy-amplification block, bits: 100..900 kbit in 100 kbit steps (default 500 kbit).</summary>
    public int PaBlockBits { get; init; } = 500_000;

    /// <summary>Fraction of detections sampled for the QBER estimate.</summary>
    public double SampleFraction { get; init; } = 0.1;

    /// <summary>ε_sec of the finite-key analysis.</summary>
    public double EpsilonSec { get; init; } = 1e-10;

    /// <summary>ε_cor of the finite-key analysis.</summary>
    public double EpsilonCor { get; init; } = 1e-10;

    /// <summary>"chernoff" (default, finite-key.md) or "hoeffding" (Lim's original).</summary>
    public string DeviationBound { get; init; } = "chernoff";

    /// <summary>How the sampled QBER estimate becomes the QBERs reconciliation uses (section distillation.reconciliation).</summary>
    public ReconciliationSettings Reconciliation { get; init; } = new();
}

/// <summary>Reconciliation policy (values are QBER fractions; checked against each other by the distillation's policy).</summary>
public sealed record ReconciliationSettings
{
    /// <summary>Added to the clamped estimate before a code is chosen.</summary>
    public double QberMargin { get; init; } = 0.002;

    /// <summary>Lowest QBER an estimate is clamped to.</summary>
    public double MinQber { get; init; } = 1e-4;

    /// <summary>Highest QBER an estimate is clamped to.</summary>
    public double MaxQber { get; init; } = 0.25;
}
