using System.Buffers;

namespace JinanOnboard.Primitives.Detections;

/// <summary>
/// A batch of detections in an array rented from <see cref="ArrayPool{T}.Shared"/>, handed from the detection chain to
/// its consumers without copying. Batches used to be fresh arrays of ~130 KB, each a large-object-heap allocation: ~1 100
/// a pass, and the garbage kept the OGS's memory growing with the pass length.
/// </summary>
/// <remarks>
/// <para>Ownership is counted. <see cref="Rent"/> returns a batch holding one reference, the producer's. The producer
/// fills <see cref="Writable"/>, sets <see cref="Count"/>, publishes the batch (an output port call) and then calls
/// <see cref="Release"/>. A consumer may read the batch during the call that hands it over; one that keeps it longer
/// (a queue) calls <see cref="Retain"/> before that call returns and <see cref="Release"/> when done with it. The last
/// release returns the array to the pool; reading the batch after that throws. A batch whose last reference is never
/// released (a consumer that failed) is simply collected: the pool does not need its arrays back.</para>
/// <para>Retain and Release are thread-safe; filling is not (only the producer writes, before publishing).</para>
/// </remarks>
public sealed class DetectionBatch
{
    private PulseDetection[]? _items;
    private int _count;
    private int _references;

    private DetectionBatch(PulseDetection[] items)
    {
        _items = items;
        _references = 1;
    }

    /// <summary>A batch with room for at least <paramref name="capacity"/> detections, count 0, one reference (the caller's).</summary>
    public static DetectionBatch Rent(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        return new DetectionBatch(ArrayPool<PulseDetection>.Shared.Rent(Math.Max(1, capacity)));
    }

    /// <summary>A batch holding a copy of <paramref name="detections"/> (tests, replays, small producers).</summary>
    public static DetectionBatch CopyOf(ReadOnlySpan<PulseDetection> detections)
    {
        DetectionBatch batch = Rent(detections.Length);
        detections.CopyTo(batch.Writable);
        batch.Count = detections.Length;
        return batch;
    }

    /// <summary>Detections in the batch; set by the producer after writing them to <see cref="Writable"/>.</summary>
    public int Count
    {
        get => _count;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, Items.Length);
            _count = value;
        }
    }

    /// <summary>The whole rented array, for the producer to fill.</summary>
    public Span<PulseDetection> Writable => Items;

    /// <summary>The detections, in sequence order.</summary>
    public ReadOnlySpan<PulseDetection> Span => Items.AsSpan(0, _count);

    /// <summary>Adds a reference: the caller keeps the batch past the call that handed it over.</summary>
    public DetectionBatch Retain()
    {
        int seen = Volatile.Read(ref _references);
        while (true)
        {
            if (seen <= 0)
            {
                throw new ObjectDisposedException(nameof(DetectionBatch), "retained after its last release");
            }

            int before = Interlocked.CompareExchange(ref _references, seen + 1, seen);
            if (before == seen)
            {
                return this;
            }

            seen = before;
        }
    }

    /// <summary>Drops a reference; the last one returns the array to the pool.</summary>
    public void Release()
    {
        int left = Interlocked.Decrement(ref _references);
        if (left == 0)
        {
            PulseDetection[]? items = Interlocked.Exchange(ref _items, null);
            if (items is not null)
            {
                ArrayPool<PulseDetection>.Shared.Return(items);
            }
        }
        else if (left < 0)
        {
            throw new InvalidOperationException("DetectionBatch released more often than retained.");
        }
    }

    private PulseDetection[] Items => _items ?? throw new ObjectDisposedException(nameof(DetectionBatch));
}
