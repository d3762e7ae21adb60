using JinanOnboard.Primitives.Detections;
using JinanOnboard.Runtime.Ports;
using JinanOnboard.Primitives.Recording;
using JinanOnboard.Primitives.TimeTags;
using JinanOnboard.Detection;
using JinanOnboard.Detection.Indexing;
using JinanOnboard.Devices.TimeTagger;

namespace JinanOnboard.Ground.Components.Detection;

/// <summary>
/// OGS detection chain (system.md step 2): time tags from the time tagger driver → sync recovery,
/// gating and pulse indexing → detections named by pulse sequence number, with basis and bit from the
/// detector that clicked (0 H, 1 V → Z basis; 2 D, 3 A → X basis). Works the same on a real device.
/// The pass ends when the payload has said so and the tags have reached the end of the pass.
/// </summary>
/// <remarks>Every batch of time tags crosses the recording seam (<see cref="ITap"/>, stream "time-tags") as
/// 12-byte records: i32 channel, i64 time in ps, both little-endian.</remarks>
public sealed class QuantumReceiver(TimeTaggerDevice driver, PulseIndexerOptions indexerOptions, double passDurationS, ITap? tap = null)
{
    /// <summary>Name of the time-tag stream at the recording seam.</summary>
    public const string TapStream = "time-tags";

    private readonly ITap _tap = tap ?? NullTap.Instance;
    private byte[] _tapBuffer = [];
    private const int BatchTags = 8192;
    private readonly PulseIndexer _indexer = new(indexerOptions);
    private readonly DetectionDigest _digest = new();
    private readonly TaskCompletionSource _passComplete = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Cancelled by <see cref="OnPassComplete"/> when the far end has no tag left: wakes the poll waiting then.</summary>
    private readonly CancellationTokenSource _passCompleteWake = new();

    private volatile Func<bool>? _sourceExhausted;
    private readonly System.Diagnostics.Stopwatch _wall = new();
    private long _tags;
    private long _detections;
    private long _lastTagPs;

    /// <summary>
    /// Output: detections in increasing sequence order, one pooled batch per batch of tags. The receiver releases its
    /// reference when the handlers return; a handler that keeps the batch longer retains it (<see cref="DetectionBatch"/>).
    /// </summary>
    public AsyncOutputPort<DetectionBatch> Detections { get; } = new("receiver.detections", PortMultiplicity.One);

    public long TagsRead => Interlocked.Read(ref _tags);

    public long DetectionsOut => Interlocked.Read(ref _detections);

    /// <summary>Latest tag time seen, seconds on the TDC clock.</summary>
    public double LatestTagS => Interlocked.Read(ref _lastTagPs) * 1e-12;

    public PulseIndexerStatistics IndexerStatistics => _indexer.GetStatistics();

    /// <summary>XXH128 digest of the detections emitted so far (<see cref="DetectionDigest"/>): what a replay must reproduce.</summary>
    public string DetectionsDigest
    {
        get
        {
            lock (_digest)
            {
                return _digest.Hex();
            }
        }
    }

    /// <summary>This component's figures for the side's result.</summary>
    public void AddDetails(IDictionary<string, object> details)
    {
        ArgumentNullException.ThrowIfNull(details);
        details["time_tags"] = TagsRead;
        details["receiver_wall_seconds"] = _wall.Elapsed.TotalSeconds;
        details["indexer"] = IndexerStatistics;
        details["detections_digest"] = DetectionsDigest;
    }

    /// <summary>Input: the payload reported the end of the pass.</summary>
    public void OnPassComplete()
    {
        _passComplete.TrySetResult();

        // The far end has handed over its last tag (a simulated or recorded source says so; a real device never does):
        // a poll waiting now waits for nothing, so it is woken instead of sitting out its second (a replay reads the
        // whole pass before it hears PassComplete, and waited that second every time).
        if (_sourceExhausted?.Invoke() == true)
        {
            _passCompleteWake.Cancel();
        }
    }

    public async Task RunAsync(Func<bool> sourceExhausted, CancellationToken cancellationToken)
    {
        _sourceExhausted = sourceExhausted;
        _wall.Start();
        try
        {
            await ReadUntilEndAsync(sourceExhausted, cancellationToken);
        }
        finally
        {
            _wall.Stop();
        }
    }

    private async Task ReadUntilEndAsync(Func<bool> sourceExhausted, CancellationToken cancellationToken)
    {
        await driver.IdentifyAsync(cancellationToken);
        await driver.ConfigureAsync(new TimeTaggerConfiguration(0b1_1111), cancellationToken);
        await driver.StartAsync(cancellationToken);
        var tags = new TimeTag[BatchTags];
        long endPs = (long)((passDurationS - 1e-3) * 1e12);
        while (true)
        {
            using var poll = _passComplete.Task.IsCompleted
                ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken)
                : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _passCompleteWake.Token);
            poll.CancelAfter(TimeSpan.FromSeconds(1));
            int count;
            try
            {
                count = await driver.ReadTagsAsync(tags, poll.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // No tags for a second: the photon stream has ended if the pass has.
                if (_passComplete.Task.IsCompleted && sourceExhausted())
                {
                    break;
                }

                continue;
            }

            if (count == 0)
            {
                break;
            }

            await ProcessAsync(tags.AsMemory(0, count), cancellationToken);
            if (_passComplete.Task.IsCompleted && tags[count - 1].TimePs >= endPs)
            {
                break;
            }
        }

        await driver.StopAsync(cancellationToken);
        while (true)
        {
            int count = await driver.ReadTagsAsync(tags, cancellationToken);
            if (count == 0)
            {
                break;
            }

            await ProcessAsync(tags.AsMemory(0, count), cancellationToken);
        }

        DetectionBatch last = DetectionBatch.Rent(1);
        try
        {
            last.Count = _indexer.Flush(last.Writable);
            await EmitAsync(last, cancellationToken);
        }
        finally
        {
            last.Release();
        }
    }

    private async ValueTask ProcessAsync(ReadOnlyMemory<TimeTag> tags, CancellationToken cancellationToken)
    {
        Interlocked.Add(ref _tags, tags.Length);
        Interlocked.Exchange(ref _lastTagPs, tags.Span[^1].TimePs);
        if (_tap is not NullTap)
        {
            Tap(tags.Span);
        }
        // The indexer names the detections straight into the pooled batch that travels on to sifting.
        DetectionBatch batch = DetectionBatch.Rent(tags.Length);
        try
        {
            batch.Count = _indexer.Process(tags.Span, batch.Writable);
            await EmitAsync(batch, cancellationToken);
        }
        finally
        {
            batch.Release();
        }
    }

    private void Tap(ReadOnlySpan<TimeTag> tags)
    {
        int bytes = tags.Length * TimeTagRecords.Bytes;
        if (_tapBuffer.Length < bytes)
        {
            _tapBuffer = new byte[bytes];
        }

        Span<byte> records = _tapBuffer.AsSpan(0, bytes);
        TimeTagRecords.Write(tags, records);

        _tap.Observe(TapStream, TapDirection.Incoming, TimeSpan.FromTicks(tags[^1].TimePs / 100_000), records);
    }

    private async ValueTask EmitAsync(DetectionBatch batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return;
        }

        lock (_digest)
        {
            _digest.Add(batch.Span);
        }

        Interlocked.Add(ref _detections, batch.Count);
        await Detections.InvokeAsync(batch, cancellationToken);
    }
}
