using JinanOnboard.Primitives.Recording;
using JinanOnboard.Runtime.Plan;

namespace JinanOnboard.Runtime.Hosting;

/// <summary>How one firmware process runs: its resolved plan and the hooks of the process that hosts it.</summary>
public sealed record FirmwareRunOptions
{
    /// <summary>The resolved, validated plan: every setting of the run.</summary>
    public required RunPlan Plan { get; init; }

    /// <summary>Ground: how long to wait for the payload to connect.</summary>
    public TimeSpan AcceptTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Called with the actual endpoint once the ground listens (the bench reads it to start the payload).</summary>
    public Action<string>? OnListening { get; init; }

    /// <summary>The recording seam: sees every link CADU and every time-tag batch; null records nothing.</summary>
    public ITap? Tap { get; init; }

    /// <summary>
    /// The plan agreement list this side sends instead of its plan's (delivery.md §Plan agreement): a replay peer sends
    /// the one the recorded side sent (protocol-spec/replay.md), so a live side of another configuration names the keys that
    /// differ from the recording. Null: the plan's own.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>>? Agreement { get; init; }
}
