using JinanOnboard.Polarization.Compensation;

namespace JinanOnboard.OpticalBench.Polarization;

/// <summary>One plates record of the optical path: where the payload's compensator plates were for a reference state or the key pulses.</summary>
public readonly record struct PlatesRecord(uint Request, byte State, CompensatorAngles Plates);

/// <summary>
/// The payload's plates records as the OGS half receives them over the optical path (optical-path.md §3). Queries block
/// until the record asked for has arrived, the path ended (complete or lost), a wall-clock guard ran out, or the trace
/// was disposed: nothing waits on a payload that is gone.
/// </summary>
public sealed class PlatesTrace : IDisposable
{
    private readonly object _gate = new();
    private readonly List<PlatesRecord> _records = [];
    private bool _ended;

    /// <summary>Why the path ended without its end mark, or null.</summary>
    public string? LostReason { get; private set; }

    /// <summary>Records received.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _records.Count;
            }
        }
    }

    /// <summary>The last record received, or null.</summary>
    public PlatesRecord? Latest
    {
        get
        {
            lock (_gate)
            {
                return _records.Count > 0 ? _records[^1] : null;
            }
        }
    }

    /// <summary>A record arrived.</summary>
    public void Append(PlatesRecord record)
    {
        lock (_gate)
        {
            _records.Add(record);
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>The payload's pass is over: no more records.</summary>
    public void Complete() => End(null);

    /// <summary>The path broke or spoke wrongly.</summary>
    public void Lose(string reason) => End(reason);

    /// <summary>Releases every waiter.</summary>
    public void Dispose() => End(LostReason);

    /// <summary>The record for <paramref name="request"/> and <paramref name="state"/>, or null when it did not come within <paramref name="timeout"/> or never will.</summary>
    public PlatesRecord? WaitFor(uint request, byte state, TimeSpan timeout)
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        lock (_gate)
        {
            while (true)
            {
                for (int i = _records.Count - 1; i >= 0; i--)
                {
                    if (_records[i].Request == request && _records[i].State == state)
                    {
                        return _records[i];
                    }
                }

                TimeSpan left = deadline - DateTime.UtcNow;
                if (_ended || left <= TimeSpan.Zero)
                {
                    return null;
                }

                Monitor.Wait(_gate, left);
            }
        }
    }

    private void End(string? reason)
    {
        lock (_gate)
        {
            if (!_ended)
            {
                LostReason = reason;
                _ended = true;
            }

            Monitor.PulseAll(_gate);
        }
    }
}
