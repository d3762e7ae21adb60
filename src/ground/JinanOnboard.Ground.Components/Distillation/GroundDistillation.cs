using JinanOnboard.Distillation.KeyStorage;
using JinanOnboard.Distillation.Exchange;
using JinanOnboard.Primitives.Detections;
using JinanOnboard.Runtime.Ports;
using JinanOnboard.Primitives.Randomness;
using JinanOnboard.Runtime.Distillation;
using JinanOnboard.Runtime.Link;
using JinanOnboard.Runtime.Plan;
using Microsoft.Extensions.Logging;

namespace JinanOnboard.Ground.Components.Distillation;

/// <summary>
/// The ground's key distillation (system.md steps 2, 4 and 6): detections in, sifting, estimation,
/// reconciliation and privacy amplification against the payload, keys into the key store. Every call into
/// the single-threaded distiller goes through one gate: detections arrive on the receiver's thread and
/// messages on the link's.
/// </summary>
public sealed class GroundDistillation : IAsyncDisposable
{
    private readonly GroundDistillationOptions _options;
    private readonly SerializedDistiller _gate = new();
    private readonly DistillationLinkAdapter _link;
    private readonly LdpcReconciliationCodec _codec = new();
    private readonly KeyStore _keyStore;
    private readonly GroundDistiller _distiller;
    private readonly QueuedInputPort<DetectionBatch> _detections;
    private readonly string _passId;
    private Task? _distilling;

    public GroundDistillation(RunPlan plan, LinkComponent link, IMessageAuthenticator authenticator, string outputDirectory, GroundDistillationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        _options = options ?? new GroundDistillationOptions();
        _passId = plan.PassId;
        _link = new DistillationLinkAdapter(link);
        _keyStore = DistillationSetup.OpenKeyStore(outputDirectory, _passId);
        var sink = new KeyStoreSink(_keyStore, _passId);
        _distiller = new GroundDistiller(
            plan.Distillation,
            _link,
            _codec,
            authenticator,
            ToeplitzPrivacyAmplifier.Instance,
            sink,
            SeedSequence.Derive(plan.Seed, "distillation.ground"),
            lookup: sink);
        // The queue keeps each pooled batch past the receiver's call: retained on entry, released once distilled.
        _detections = new QueuedInputPort<DetectionBatch>("ground.detections", _options.QueuedBatches, (detections, ct) =>
            _gate.RunAsync(async () =>
            {
                try
                {
                    _distiller.AddDetections(detections.Span);
                }
                finally
                {
                    detections.Release();
                }

                await _distiller.SendReadyRoundsAsync(ct);
            }, ct));
        _link.ConnectInbound((type, body, ct) => _gate.RunAsync(() => _distiller.HandleAsync(type, body, ct), ct));
    }

    /// <summary>Input: detections in increasing sequence order, in a pooled batch the queue retains until distilled.</summary>
    public ValueTask OnDetectionsAsync(DetectionBatch detections, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(detections);
        return _detections.EnqueueAsync(detections.Retain(), cancellationToken);
    }

    /// <summary>Starts draining the detection queue into the distiller.</summary>
    public void Start(CancellationToken cancellationToken) => _distilling = _detections.RunAsync(cancellationToken);

    /// <summary>After the last detection: flush distillation and wait for every PA block's outcome.</summary>
    public async Task FinishAsync(TimeProvider time, ILogger logger, CancellationToken cancellationToken)
    {
        _detections.Complete();
        if (_distilling is not null)
        {
            await _distilling.WaitAsync(_options.CompletionTimeout, time, cancellationToken);
        }

        await _gate.RunAsync(() => _distiller.FlushAsync(cancellationToken), cancellationToken);
        if (!await _gate.WaitUntilAsync(() => _distiller.IsComplete, _options.CompletionTimeout, time, cancellationToken))
        {
            logger.LogWarning("Distillation did not reach a final outcome for every block within {Seconds} s", _options.CompletionTimeout.TotalSeconds);
        }
    }

    /// <summary>How long each end-of-pass stage may take (the detection chain uses the same bound).</summary>
    public TimeSpan CompletionTimeout => _options.CompletionTimeout;

    public void AddDetails(IDictionary<string, object> details)
    {
        ArgumentNullException.ThrowIfNull(details);
        details["distillation_messages_refused"] = _link.Refused;
        details["ldpc_decode_seconds"] = _codec.DecodeSeconds;
        details["ldpc_decodes"] = _codec.Decodes;
        DistillationSummary.AddTo(details, _distiller.Statistics, _keyStore, _passId);
    }

    public ValueTask DisposeAsync()
    {
        _keyStore.Dispose();
        _gate.Dispose();
        return ValueTask.CompletedTask;
    }
}
