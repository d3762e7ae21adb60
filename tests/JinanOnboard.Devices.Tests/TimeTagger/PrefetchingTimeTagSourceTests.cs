using JinanOnboard.Devices.Simulated.TimeTagger;
using JinanOnboard.Primitives.TimeTags;

namespace JinanOnboard.Devices.Tests.TimeTagger;

public sealed class PrefetchingTimeTagSourceTests
{
    private sealed class FailingSource(int tagsBeforeFailure) : ITimeTagSource
    {
        private int _given;

        public int Read(Span<TimeTag> destination)
        {
            if (_given >= tagsBeforeFailure)
            {
                throw new IOException("simulated source failure");
            }

            int n = Math.Min(destination.Length, tagsBeforeFailure - _given);
            for (int i = 0; i < n; i++)
            {
                destination[i] = new TimeTag(0, _given + i);
            }

            _given += n;
            return n;
        }
    }

    [Theory]
    [InlineData(1, 1, 7)]
    [InlineData(100, 3, 64)]
    [InlineData(4096, 4, 1000)]
    public void The_reader_gets_every_tag_of_the_inner_source_in_order_whatever_the_chunk_and_read_sizes(int chunk, int depth, int readSize)
    {
        TimeTag[] tags = [.. Enumerable.Range(0, 10_007).Select(i => new TimeTag(i % 5, 1000L * i))];
        using var source = new PrefetchingTimeTagSource(new ArrayTimeTagSource(tags), chunk, depth);
        var read = new List<TimeTag>();
        var buffer = new TimeTag[readSize];
        int n;
        while ((n = source.Read(buffer)) > 0)
        {
            read.AddRange(buffer.AsSpan(0, n));
        }

        Assert.Equal(tags, read);
        Assert.Equal(0, source.Read(buffer)); // stays exhausted
    }

    [Fact]
    public void A_failure_of_the_inner_source_reaches_the_reader_after_the_tags_before_it()
    {
        using var source = new PrefetchingTimeTagSource(new FailingSource(300), chunkTags: 100, depth: 2);
        var buffer = new TimeTag[100];
        long total = 0;
        void ReadAll()
        {
            while (true)
            {
                total += source.Read(buffer);
            }
        }

        InvalidOperationException error = Assert.Throws<InvalidOperationException>(ReadAll);
        Assert.Equal(300, total);
        Assert.IsType<IOException>(error.InnerException);
    }

    [Fact]
    public void Disposing_while_the_thread_runs_ahead_stops_it()
    {
        TimeTag[] tags = [.. Enumerable.Range(0, 100_000).Select(i => new TimeTag(0, i))];
        var source = new PrefetchingTimeTagSource(new ArrayTimeTagSource(tags), chunkTags: 16, depth: 2);
        Assert.Equal(10, source.Read(new TimeTag[10]));
        source.Dispose(); // returns: the blocked prefetch thread was cancelled and joined
    }
}
