using JinanOnboard.Primitives.TimeTags;

namespace JinanOnboard.Devices.Simulated.TimeTagger;

/// <summary>
/// Where a simulated TDC gets its events: the detector and sync models, a recording, or a test.
/// Tags must come in non-decreasing time order, as a real TDC's FIFO delivers them.
/// </summary>
public interface ITimeTagSource
{
    /// <summary>Fills <paramref name="destination"/> with the next tags; returns how many, 0 when exhausted.</summary>
    int Read(Span<TimeTag> destination);
}

/// <summary>A tag source over an in-memory, time-ordered array.</summary>
public sealed class ArrayTimeTagSource : ITimeTagSource
{
    private readonly ReadOnlyMemory<TimeTag> tags;
    private int position;

    /// <summary>Serves <paramref name="tags"/> once, in order.</summary>
    public ArrayTimeTagSource(ReadOnlyMemory<TimeTag> tags) => this.tags = tags;

    /// <inheritdoc />
    public int Read(Span<TimeTag> destination)
    {
        int n = Math.Min(destination.Length, tags.Length - position);
        tags.Span.Slice(position, n).CopyTo(destination);
        position += n;
        return n;
    }
}
