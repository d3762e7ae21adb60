using System.Text.Json;
using JinanOnboard.Distillation.KeyStorage;
using JinanOnboard.Distillation.Exchange;
using JinanOnboard.Primitives.Randomness;
using JinanOnboard.Runtime.Distillation;
using JinanOnboard.Runtime.Link;
using JinanOnboard.Runtime.Plan;

namespace JinanOnboard.Payload.Components.Distillation;

/// <summary>Policy of the payload's distillation component.</summary>
public sealed record PayloadDistillationOptions
{
    /// <summary>
    /// After the ground's summary, how long the payload waits for the ground's commit and settlement decisions
    /// still in flight behind it; keys not settled by then stay in the pending-key journal for the next contact.
    /// </summary>
    public TimeSpan SettleTimeout { get; init; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// The payload's key distillation (system.md steps 1, 3 and 5): its cached random numbers answer the OGS, its
/// key store and pending-key journal persist keys across passes. Every call into the single-threaded distiller
/// goes through one gate, because messages arrive on the link's thread.
/// </summary>
public sealed class PayloadDistillation : IAsyncDisposable
{
    private readonly PayloadDistillationOptions _options;
    private readonly SerializedDistiller _gate = new();
    private readonly DistillationLinkAdapter _link;
    private readonly KeyStore _keyStore;
    private readonly PendingKeyJournal _journal;
    private readonly PayloadDistiller _distiller;
    private readonly string _passId;

    public PayloadDistillation(RunPlan plan, LinkComponent link, IMessageAuthenticator authenticator, string outputDirectory, PayloadDistillationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        _options = options ?? new PayloadDistillationOptions();
        _passId = plan.PassId;
        _link = new DistillationLinkAdapter(link);
        _keyStore = DistillationSetup.OpenKeyStore(outputDirectory, _passId);
        _journal = DistillationSetup.OpenPendingJournal(_keyStore, _passId);
        _distiller = new PayloadDistiller(
            DistillationSetup.RandomStore(plan),
            plan.Distillation,
            _link,
            new LdpcReconciliationCodec(),
            authenticator,
            ToeplitzPrivacyAmplifier.Instance,
            new KeyStoreSink(_keyStore, _passId),
            SeedSequence.Derive(plan.Seed, "distillation.payload"),
            journal: _journal);
        _link.ConnectInbound((type, body, ct) => _gate.RunAsync(() => _distiller.HandleAsync(type, body, ct), ct));
    }

    /// <summary>Keys of earlier passes still pending (their commit was lost, or the payload restarted): this contact settles them.</summary>
    public ValueTask QueryEarlierPassesAsync(CancellationToken cancellationToken) =>
        _gate.RunAsync(() => _distiller.QueryEarlierPassesAsync(cancellationToken), cancellationToken);

    /// <summary>Waits, within <see cref="PayloadDistillationOptions.SettleTimeout"/>, until every key of the pass is settled.</summary>
    public ValueTask<bool> SettleAsync(TimeProvider time, CancellationToken cancellationToken) =>
        _gate.WaitUntilAsync(() => _distiller.PendingKeyCount == 0 && _distiller.AwaitingSettlement == 0, _options.SettleTimeout, time, cancellationToken);

    /// <summary>
    /// After the ground's summary: the packets the OGS discarded are named nowhere else, so their outcome comes from the
    /// summary's <c>packets</c> list (the ground's own report); packets an instruction named are already resolved here.
    /// </summary>
    public ValueTask<int> AdoptGroundPacketOutcomesAsync(IReadOnlyDictionary<string, JsonElement>? summary, CancellationToken cancellationToken)
    {
        var outcomes = new List<KeyValuePair<int, PacketOutcome>>();
        if (summary is not null && summary.TryGetValue("packets", out JsonElement packets) && packets.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement packet in packets.EnumerateArray())
            {
                if (packet.ValueKind == JsonValueKind.Object
                    && packet.TryGetProperty("packet_id", out JsonElement id) && id.TryGetInt32(out int packetId)
                    && packet.TryGetProperty("outcome", out JsonElement outcome) && outcome.ValueKind == JsonValueKind.String
                    && Enum.TryParse(outcome.GetString(), ignoreCase: false, out PacketOutcome parsed) && Enum.IsDefined(parsed))
                {
                    outcomes.Add(new(packetId, parsed));
                }
            }
        }

        return _gate.RunAsync(() => _distiller.AdoptOgsPacketOutcomes(outcomes), cancellationToken);
    }

    public void AddDetails(IDictionary<string, object> details)
    {
        ArgumentNullException.ThrowIfNull(details);
        details["distillation_messages_refused"] = _link.Refused;
        details["pending_keys"] = _distiller.PendingKeyCount;
        details["earlier_keys_stored"] = _distiller.EarlierKeysStored;
        details["earlier_keys_discarded"] = _distiller.EarlierKeysDiscarded;
        details["unsettled_earlier_keys"] = _journal.Unsettled.Count;
        DistillationSummary.AddTo(details, _distiller.Statistics, _keyStore, _passId);
        if (_distiller.LastRefusal is { } refusal)
        {
            details["last_refusal"] = refusal;
        }
    }

    public ValueTask DisposeAsync()
    {
        _journal.Dispose();
        _keyStore.Dispose();
        _gate.Dispose();
        return ValueTask.CompletedTask;
    }
}
