namespace JinanOnboard.Studies.Repeaters.Simulation;

/// <summary>The four event kinds of models.md §10.</summary>
public enum RepeaterEventKind : byte
{
    /// <summary>The successful mode of a link's heralding cycles is emitted; the source end stores its half.</summary>
    PairGeneration,

    /// <summary>The photon reaches the far memory and is stored: the elementary pair exists.</summary>
    PhotonArrival,

    /// <summary>A node holding both halves of its two adjacent pairs makes a Bell-state measurement.</summary>
    Swap,

    /// <summary>A stored pair reaches the cutoff age and is discarded.</summary>
    Cutoff,
}

/// <summary>
/// One queued event (a small struct: the queue holds them inline, no allocation per event). <see cref="Index"/> is the
/// link (generation, arrival) or node (swap, cutoff); <see cref="Stamp"/> is the node state the event was scheduled
/// against, so an event made stale by a cutoff or a swap is recognised and skipped; <see cref="EmissionS"/> is the
/// emission time carried by an arrival.
/// </summary>
public readonly record struct RepeaterEvent(RepeaterEventKind Kind, int Index, long Stamp, double EmissionS);

/// <summary>Queue order: time first, then scheduling order, so simultaneous events resolve deterministically (first scheduled, first run).</summary>
public readonly record struct EventOrder(double TimeS, long Sequence) : IComparable<EventOrder>
{
    public int CompareTo(EventOrder other)
    {
        int byTime = TimeS.CompareTo(other.TimeS);
        return byTime != 0 ? byTime : Sequence.CompareTo(other.Sequence);
    }

    public static bool operator <(EventOrder left, EventOrder right) => left.CompareTo(right) < 0;

    public static bool operator >(EventOrder left, EventOrder right) => left.CompareTo(right) > 0;

    public static bool operator <=(EventOrder left, EventOrder right) => left.CompareTo(right) <= 0;

    public static bool operator >=(EventOrder left, EventOrder right) => left.CompareTo(right) >= 0;
}
