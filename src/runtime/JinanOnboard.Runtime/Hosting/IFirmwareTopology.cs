using JinanOnboard.Runtime.Link;
using JinanOnboard.Protocol.Delivery;
using Microsoft.Extensions.Logging;

namespace JinanOnboard.Runtime.Hosting;

/// <summary>What a topology gets to wire its components to.</summary>
public sealed record FirmwareContext(
    FirmwareRunOptions Options,
    LinkSession Session,
    LinkComponent Link,
    TimeProvider Time,
    ILogger Logger,
    string OutputDirectory,
    JinanOnboard.Protocol.Signing.Identity Identity,
    NSec.Cryptography.PublicKey PeerKey)
{
    /// <summary>The run's resolved plan.</summary>
    public Plan.RunPlan Plan => Options.Plan;

    /// <summary>Where the link's recording-seam pass time comes from; the topology names the source in Wire.</summary>
    public PassTimeSource PassTime { get; init; } = new();
}

/// <summary>
/// One executable's topology: which components exist and how they are wired (F Prime's
/// deployment topology). <see cref="Wire"/> connects the parts; <see cref="RunAsync"/> runs the role's session to its end.
/// </summary>
public interface IFirmwareTopology
{
    /// <summary>Builds and connects the components. Called before any inbound message is routed.</summary>
    void Wire(FirmwareContext context);

    /// <summary>Runs the session to its end and returns the pass seconds covered.</summary>
    Task<double> RunAsync(CancellationToken cancellationToken);

    /// <summary>Role-specific figures for the result.</summary>
    IReadOnlyDictionary<string, object> Details();

    /// <summary>
    /// After a session that completed: the status and reason when the pass nevertheless did not do its job (an APT end
    /// that never reached fine lock: <c>no_fine_lock</c>), or null.
    /// </summary>
    PassShortfall? Shortfall() => null;
}

/// <summary>A completed session's pass that did not do its job: a <see cref="FirmwareResult.Status"/> and why.</summary>
public sealed record PassShortfall(string Status, string Reason)
{
    /// <summary>An APT end never reached fine lock in the pass.</summary>
    public const string NoFineLock = "no_fine_lock";
}
