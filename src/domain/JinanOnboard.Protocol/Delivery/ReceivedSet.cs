namespace JinanOnboard.Protocol.Delivery;

/// <summary>
/// The receiver's record of reliable message ids: a cumulative point (every id at or below it
/// has been received or abandoned by the sender) plus the ids received above it. It answers
/// "is this a duplicate?" and produces the selective acknowledgement.
/// </summary>
internal sealed class ReceivedSet
{
    private readonly SortedSet<uint> _above = [];

    /// <summary>Every id &lt;= this has been received (or the sender gave up on it).</summary>
    public uint Cumulative { get; private set; }

    /// <summary>Records <paramref name="id"/>; false when it had been received before.</summary>
    public bool Add(uint id)
    {
        if (id <= Cumulative || !_above.Add(id))
        {
            return false;
        }

        Compact();
        return true;
    }

    /// <summary>The sender says every id below <paramref name="floor"/> is settled on its side.</summary>
    public void AdvanceFloor(uint floor)
    {
        if (floor == 0 || floor - 1 <= Cumulative)
        {
            return;
        }

        Cumulative = floor - 1;
        _above.RemoveWhere(id => id <= Cumulative);
        Compact();
    }

    /// <summary>Writes up to <paramref name="ranges"/>.Length inclusive ranges of ids received above the cumulative point.</summary>
    public int GetRanges(Span<(uint Start, uint End)> ranges)
    {
        int count = 0;
        uint start = 0;
        uint end = 0;
        bool open = false;
        foreach (uint id in _above)
        {
            if (open && id == end + 1)
            {
                end = id;
                continue;
            }

            if (open)
            {
                if (count == ranges.Length)
                {
                    return count;
                }

                ranges[count++] = (start, end);
            }

            start = end = id;
            open = true;
        }

        if (open && count < ranges.Length)
        {
            ranges[count++] = (start, end);
        }

        return count;
    }

    private void Compact()
    {
        while (_above.Count > 0 && _above.Min == Cumulative + 1)
        {
            _above.Remove(Cumulative + 1);
            Cumulative++;
        }
    }
}
