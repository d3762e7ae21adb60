namespace JinanOnboard.Runtime.Plan;

/// <summary>
/// What the command line may change in a run configuration. Resolved once, with the file and the
/// physics set, into a <see cref="RunPlan"/>; nothing downstream sees an override.
/// </summary>
public sealed record RunOverrides
{
    /// <summary>Configuration file or named set (configs/NAME.json); null = the built-in default.</summary>
    public string? Config { get; init; }

    public ulong? Seed { get; init; }

    public double? DurationS { get; init; }

    public bool? Realtime { get; init; }

    /// <summary>Endpoint to listen on (ground) or connect to (payload).</summary>
    public string? Endpoint { get; init; }

    /// <summary>Directory with payload.key/.pub and ground.key/.pub.</summary>
    public string? KeyDirectory { get; init; }

    /// <summary>Directory for this side's key store and outputs.</summary>
    public string? OutputDirectory { get; init; }

    /// <summary>Where to write this side's result JSON.</summary>
    public string? ResultPath { get; init; }

    /// <summary>Where to record the seam (link units and time tags).</summary>
    public string? RecordPath { get; init; }

    /// <summary>--optical-path: the simulated bench's socket between the payload's and the OGS's halves (bench runs only).</summary>
    public string? OpticalPath { get; init; }

    /// <summary>--devices-profile: a HIL device profile (hil/profiles NAME or a path) whose addressed devices this side opens.</summary>
    public string? DevicesProfile { get; init; }

    /// <summary>Ground: a recording (--record) whose time tags the OGS's time tagger serves instead of the bench's light.</summary>
    public string? TimeTagsPath { get; init; }
}
