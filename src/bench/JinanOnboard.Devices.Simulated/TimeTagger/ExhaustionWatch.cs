using JinanOnboard.Primitives.TimeTags;

namespace JinanOnboard.Devices.Simulated.TimeTagger;

/// <summary>
/// Remembers when the device read the last tag of <paramref name="source"/> (put it after a prefetch, so queued chunks
/// count as not yet read): a simulated time tagger's far end is drained then (TimeTaggerCable.FarEndDrained).
/// </summary>
public sealed class ExhaustionWatch(ITimeTagSource source) : ITimeTagSource
{
    private volatile bool _exhausted;

    /// <summary>True once a read found no tag left.</summary>
    public bool Exhausted => _exhausted;

    public int Read(Span<TimeTag> destination)
    {
        int count = source.Read(destination);
        if (count == 0)
        {
            _exhausted = true;
        }

        return count;
    }
}
