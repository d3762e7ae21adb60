using JinanOnboard.Primitives.Detections;

namespace JinanOnboard.Primitives.Tests.Detections;

public sealed class DetectionBatchTests
{
    [Fact]
    public void A_detection_names_basis_and_bit_by_its_detector()
    {
        Assert.Equal(new PulseDetection(7, 0), PulseDetection.Of(7, basis: 0, bit: 0));
        Assert.Equal(new PulseDetection(7, 1), PulseDetection.Of(7, basis: 0, bit: 1));
        Assert.Equal(new PulseDetection(7, 2), PulseDetection.Of(7, basis: 1, bit: 0));
        PulseDetection a = PulseDetection.Of(9, basis: 1, bit: 1);
        Assert.Equal((9L, 3, 1, 1), (a.Sequence, a.Detector, a.Basis, a.Bit));
    }

    [Fact]
    public void The_producer_fills_and_counts_and_consumers_read_the_same_array()
    {
        DetectionBatch batch = DetectionBatch.Rent(3);
        Assert.True(batch.Writable.Length >= 3);
        Assert.Equal(0, batch.Count);
        batch.Writable[0] = new PulseDetection(1, 0);
        batch.Writable[1] = new PulseDetection(4, 3);
        batch.Count = 2;
        Assert.Equal([new PulseDetection(1, 0), new PulseDetection(4, 3)], batch.Span.ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => batch.Count = batch.Writable.Length + 1);
        Assert.Throws<ArgumentOutOfRangeException>(() => batch.Count = -1);
        batch.Release();
    }

    [Fact]
    public void A_retained_batch_lives_until_its_last_release_and_not_after()
    {
        DetectionBatch batch = DetectionBatch.CopyOf([new PulseDetection(5, 2)]);
        Assert.Same(batch, batch.Retain()); // a queue keeps it
        batch.Release();                     // the producer is done
        Assert.Equal(5, batch.Span[0].Sequence);
        batch.Release();                     // the queue is done: the array goes back to the pool
        Assert.Throws<ObjectDisposedException>(() => batch.Span.Length);
        Assert.Throws<ObjectDisposedException>(() => batch.Retain());
        Assert.Throws<InvalidOperationException>(batch.Release);
    }

    [Fact]
    public void Concurrent_retains_and_releases_return_the_array_exactly_once()
    {
        DetectionBatch batch = DetectionBatch.Rent(16);
        Parallel.For(0, 1000, _ =>
        {
            batch.Retain();
            batch.Release();
        });
        Assert.Equal(0, batch.Count);
        batch.Release();
        Assert.Throws<ObjectDisposedException>(() => batch.Span.Length);
    }
}
