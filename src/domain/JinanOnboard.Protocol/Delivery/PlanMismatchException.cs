using System.Globalization;

namespace JinanOnboard.Protocol.Delivery;

/// <summary>One setting on which the two ends' agreement lists differ.</summary>
/// <param name="Key">The setting's key.</param>
/// <param name="Here">This end's value; null when this end's list lacks the key.</param>
/// <param name="AtPeer">The peer's value; null when the peer's list lacks the key.</param>
public sealed record PlanDifference(string Key, string? Here, string? AtPeer);

/// <summary>
/// The peer's agreement list (<see cref="LinkSessionOptions.Agreement"/>) differs from this end's:
/// the two sides were started with different run plans. Both ends detect it during the handshake,
/// before any application message is delivered, and end their sessions with this exception (from
/// <see cref="LinkSession.RunAsync"/>, <see cref="LinkSession.Connected"/>, the sends and the inbound
/// channel). A configuration error: retrying the same plans cannot succeed. The message names every
/// differing key with both values, e.g. "run plan differs from the peer's: pass.seed: 7 here, 8 at
/// the peer; source.mu_signal: not set here, 0.6 at the peer".
/// </summary>
public sealed class PlanMismatchException : Exception
{
    public PlanMismatchException(IReadOnlyList<PlanDifference> differences)
        : base(Describe(differences))
    {
        Differences = differences;
    }

    /// <summary>Every differing key: this end's keys in its list order, then keys only the peer has, in the peer's order.</summary>
    public IReadOnlyList<PlanDifference> Differences { get; }

    private static string Describe(IReadOnlyList<PlanDifference> differences)
    {
        ArgumentNullException.ThrowIfNull(differences);
        return "run plan differs from the peer's: " + string.Join("; ", differences.Select(d => string.Create(
            CultureInfo.InvariantCulture,
            $"{d.Key}: {d.Here ?? "not set"} here, {d.AtPeer ?? "not set"} at the peer")));
    }
}
