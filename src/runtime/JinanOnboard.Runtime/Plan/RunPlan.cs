using System.Globalization;
using JinanOnboard.Physics.Parameters;
using JinanOnboard.Physics.Timeline;
using JinanOnboard.Config.Model;
using JinanOnboard.Distillation.Exchange;
using JinanOnboard.Source;

namespace JinanOnboard.Runtime.Plan;

/// <summary>
/// One side's resolved, validated and immutable plan of a run: the configuration file with every
/// command-line override folded in, the physics set, the source (one place: the physics set's
/// <c>source</c> section), the pass and the distillation options. Built once by
/// <see cref="RunPlanResolver"/> before anything listens or connects; both sides log it at start and
/// compare <see cref="Agreement"/> in the link handshake.
/// </summary>
public sealed record RunPlan
{
    /// <summary>The configuration with overrides applied (seed, duration, realtime, endpoint, keys).</summary>
    public required FirmwareConfiguration Configuration { get; init; }

    /// <summary>Where the configuration came from, as the operator named it (a path or a set name).</summary>
    public required string ConfigurationName { get; init; }

    public required PhysicsParameterSet Physics { get; init; }

    /// <summary>The decoy-state source, read from the physics set (the only place source settings live).</summary>
    public required SourceConfiguration Source { get; init; }

    public required DistillationOptions Distillation { get; init; }

    /// <summary>The pass: the orbit layer's per-second timeline over the pass window.</summary>
    public required PassTimeline Timeline { get; init; }

    /// <summary>This side's output directory (key store, journals); created and checked writable.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>Result JSON path (checked writable), or null.</summary>
    public string? ResultPath { get; init; }

    /// <summary>Recording path (checked writable), or null.</summary>
    public string? RecordPath { get; init; }

    /// <summary>
    /// The simulated bench's optical path between the two processes (a Unix socket path), or null: then each end's
    /// pointing stays in its own process and the OGS half applies the physics set's fixed payload pointing error.
    /// </summary>
    public string? OpticalPath { get; init; }

    /// <summary>Ground: the recording whose time tags the time tagger serves (--time-tags), or null for the hardware's own.</summary>
    public string? TimeTagsPath { get; init; }

    /// <summary>
    /// The HIL device profile given with --devices-profile, or null: a device with an address (tcp, serial, spi...) is
    /// then opened on its real bus by the firmware instead of being simulated by the bench (hil/README.md).
    /// </summary>
    public Devices.Profiles.DeviceProfile? DevicesProfile { get; init; }

    public ulong Seed => Configuration.Seed;

    public double DurationS => Configuration.Pass.DurationS;

    public bool Realtime => Configuration.Pass.Realtime;

    public string Endpoint => Configuration.Link.Endpoint;

    public string KeyDirectory => Configuration.Keys.Directory;

    /// <summary>The pass's name in both key stores: the run seed fixes every key, so it names the pass.</summary>
    public string PassId => $"pass-{Seed.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>
    /// Everything both sides must agree on before any key material is made, as (key, value) text in a fixed
    /// order: compared in the link handshake (protocol-spec/delivery.md §Plan agreement). Values are
    /// invariant-culture round-trip text, so equal numbers compare equal on any machine.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> Agreement =>
    [
        new("seed", Seed.ToString(CultureInfo.InvariantCulture)),
        new("pass.duration_s", Text(DurationS)),
        new("pass.culmination_utc", Configuration.Pass.CulminationUtc.ToString("O", CultureInfo.InvariantCulture)),
        new("pass.site", Configuration.Pass.Site),
        new("pass.synthetic_max_elevation_deg", Text(Configuration.Pass.SyntheticMaxElevationDeg)),
        new("physics", Physics.Name),
        new("source.repetition_rate_hz", Text(Source.RepetitionRateHz)),
        new("source.intensities", $"{Text(Source.SignalMeanPhotonNumber)},{Text(Source.DecoyMeanPhotonNumber)},{Text(Source.VacuumMeanPhotonNumber)}"),
        new("source.intensity_probabilities", $"{Text(Source.SignalProbability)},{Text(Source.DecoyProbability)},{Text(Source.VacuumProbability)}"),
        new("source.z_basis_probability", Text(Source.ZBasisProbability)),
        new("distillation.packet_bits", Distillation.PacketBits.ToString(CultureInfo.InvariantCulture)),
        new("distillation.pa_block_bits", Distillation.BlockBits.ToString(CultureInfo.InvariantCulture)),
        new("distillation.sample_fraction", Text(Distillation.SampleFraction)),
        new("distillation.epsilon_sec", Text(Distillation.EpsilonSec)),
        new("distillation.epsilon_cor", Text(Distillation.EpsilonCor)),
        new("distillation.deviation_bound", Configuration.Distillation.DeviationBound),
        new("distillation.reconciliation", $"{Text(Distillation.Reconciliation.QberMargin)},{Text(Distillation.Reconciliation.MinQber)},{Text(Distillation.Reconciliation.MaxQber)}"),
        new("link.frame_bytes", Configuration.Link.FrameBytes.ToString(CultureInfo.InvariantCulture)),
        new("link.spacecraft_id", Configuration.Link.SpacecraftId.ToString(CultureInfo.InvariantCulture)),
        new("link.coding", Configuration.Link.Coding),
    ];

    /// <summary>One log line naming the plan (both sides print it at start).</summary>
    public string Describe() =>
        $"run plan: config {ConfigurationName} ({Configuration.Source}), physics {Physics.Name}, seed {Seed}, "
        + $"pass {Text(DurationS)} s culminating {Configuration.Pass.CulminationUtc:yyyy-MM-ddTHH:mm:ssZ} at {Configuration.Pass.Site} "
        + $"(max elevation {Text(Configuration.Pass.SyntheticMaxElevationDeg)} deg), {(Realtime ? "real time" : "as fast as possible")}, "
        + $"endpoint {Endpoint}, keys {KeyDirectory}, out {OutputDirectory}"
        + (ResultPath is null ? "" : $", result {ResultPath}") + (RecordPath is null ? "" : $", record {RecordPath}");

    private static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
