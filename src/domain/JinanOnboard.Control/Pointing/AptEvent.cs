namespace JinanOnboard.Control.Pointing;

/// <summary>What happened in a pointing loop.</summary>
public enum AptEventKind
{
    /// <summary>The payload's coarse loop changed its vector source (camera ↔ auxiliary).</summary>
    SourceSwitched,

    /// <summary>An acquisition state machine changed state.</summary>
    StateChanged,

    /// <summary>Coarse or fine lock acquired.</summary>
    LockAcquired,

    /// <summary>Coarse or fine lock lost.</summary>
    LockLost,

    /// <summary>An end did not reach fine lock within its timeout; the detail says why.</summary>
    AcquisitionFailed,

    /// <summary>A device of the loop (the fast steering mirror's driver) failed; the detail is the driver's message.</summary>
    DeviceFault,

    /// <summary>A faulted device answered again and the loop uses it.</summary>
    DeviceRecovered,
}

/// <summary>One reportable pointing event: pass time, end ("payload", "ogs"), kind, and a one-line detail.</summary>
public readonly record struct AptEvent(double TimeS, string End, AptEventKind Kind, string Detail);

/// <summary>The events of a run, in order, with counts per kind (for the report's <c>apt</c> section).</summary>
public sealed class AptEventLog
{
    private readonly List<AptEvent> _events = [];
    private readonly int[] _counts = new int[Enum.GetValues<AptEventKind>().Length];

    /// <summary>Every event so far.</summary>
    public IReadOnlyList<AptEvent> Events => _events;

    /// <summary>Records an event.</summary>
    public void Add(double timeS, string end, AptEventKind kind, string detail)
    {
        _events.Add(new AptEvent(timeS, end, kind, detail));
        _counts[(int)kind]++;
    }

    /// <summary>How many events of <paramref name="kind"/>.</summary>
    public int Count(AptEventKind kind) => _counts[(int)kind];

    /// <summary>How many events of <paramref name="kind"/> at <paramref name="end"/>.</summary>
    public int Count(AptEventKind kind, string end) => _events.Count(e => e.Kind == kind && e.End == end);
}
