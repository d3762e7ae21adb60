using System.Collections.Concurrent;
using JinanOnboard.Primitives.TimeTags;

namespace JinanOnboard.Devices.Simulated.TimeTagger;

/// <summary>
/// Runs a slow tag source (the channel simulation) on its own thread, a few chunks ahead of the reader (the simulated
/// TDC's streaming loop, which encodes and sends them). On the bench the simulation is the OGS's largest single cost,
/// and the payload leaves one of two cores mostly idle: this lets the simulation and the rest of the detection chain
/// run at the same time instead of in turn. The reader sees exactly the tags of the inner source, in order.
/// </summary>
/// <remarks>
/// Chunks cycle through a fixed set of arrays (<paramref name="depth"/> + 1), so the memory is bounded and nothing is
/// allocated per chunk. The thread starts on the first <see cref="Read"/> and ends when the inner source is exhausted
/// or the source is disposed; an exception of the inner source is raised by the next <see cref="Read"/>.
/// </remarks>
public sealed class PrefetchingTimeTagSource : ITimeTagSource, IDisposable
{
    private readonly ITimeTagSource _inner;
    private readonly BlockingCollection<(TimeTag[] Tags, int Count)> _ready;
    private readonly BlockingCollection<TimeTag[]> _free;
    private readonly CancellationTokenSource _stop = new();
    private Thread? _thread;
    private Exception? _failure;
    private TimeTag[]? _current;
    private int _currentCount;
    private int _currentAt;
    private bool _ended;

    /// <param name="inner">The source read on the prefetching thread (it is only ever called from that thread).</param>
    /// <param name="chunkTags">Tags per chunk.</param>
    /// <param name="depth">Chunks the thread may run ahead of the reader.</param>
    public PrefetchingTimeTagSource(ITimeTagSource inner, int chunkTags = 16_384, int depth = 4)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkTags, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(depth, 1);
        _inner = inner;
        _ready = new BlockingCollection<(TimeTag[], int)>(depth);
        _free = [];
        for (int i = 0; i <= depth; i++)
        {
            _free.Add(new TimeTag[chunkTags]);
        }
    }

    /// <inheritdoc />
    public int Read(Span<TimeTag> destination)
    {
        _thread ??= Start();
        int written = 0;
        while (written < destination.Length)
        {
            if (_current is null || _currentAt == _currentCount)
            {
                if (_current is not null)
                {
                    _free.Add(_current);
                    _current = null;
                }

                // Hand over what is already here rather than wait for the next chunk.
                if (_ended || (written > 0 && _ready.Count == 0) || !TakeNext())
                {
                    break;
                }
            }

            int n = Math.Min(destination.Length - written, _currentCount - _currentAt);
            _current.AsSpan(_currentAt, n).CopyTo(destination[written..]);
            _currentAt += n;
            written += n;
        }

        return written;
    }

    /// <summary>Stops the prefetching thread (tags not yet read are dropped).</summary>
    public void Dispose()
    {
        _stop.Cancel();
        _thread?.Join();
        _stop.Dispose();
        _ready.Dispose();
        _free.Dispose();
    }

    private bool TakeNext()
    {
        (TimeTag[] tags, int count) = _ready.Take();
        if (count == 0)
        {
            _ended = true;
            if (_failure is not null)
            {
                throw new InvalidOperationException("The prefetched tag source failed.", _failure);
            }

            return false;
        }

        _current = tags;
        _currentCount = count;
        _currentAt = 0;
        return true;
    }

    private Thread Start()
    {
        var thread = new Thread(Prefetch) { IsBackground = true, Name = "tag prefetch" };
        thread.Start();
        return thread;
    }

    private void Prefetch()
    {
        try
        {
            while (true)
            {
                TimeTag[] chunk = _free.Take(_stop.Token);
                int count = _inner.Read(chunk);
                _ready.Add((chunk, count), _stop.Token);
                if (count == 0)
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Disposed while running ahead.
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _failure = ex;
            _ready.Add(([], 0));
        }
    }
}
