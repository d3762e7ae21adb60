namespace JinanOnboard.Studies.RingTwinField.Forwarding;

/// <summary>
/// The span over GF(2) of linear forms (bit vectors over the protocol's secret bits and keys): what an observer who
/// knows those forms can compute by XOR. Kept in echelon form, one pivot per row.
/// </summary>
internal sealed class Gf2Span(int variables)
{
    private readonly int _words = (variables + 63) / 64;
    private readonly List<(int Pivot, ulong[] Row)> _rows = [];

    /// <summary>A zero vector of the right width.</summary>
    public ulong[] NewVector() => new ulong[_words];

    /// <summary>Add a known form; returns false when it was already in the span.</summary>
    public bool Add(ulong[] form)
    {
        ulong[] r = Reduce(form);
        int pivot = FirstBit(r);
        if (pivot < 0)
        {
            return false;
        }

        _rows.Add((pivot, r));
        return true;
    }

    /// <summary>Whether <paramref name="form"/> is an XOR of known forms.</summary>
    public bool Contains(ulong[] form) => FirstBit(Reduce(form)) < 0;

    private ulong[] Reduce(ulong[] form)
    {
        var r = (ulong[])form.Clone();
        // Rows are added already reduced by the earlier ones, so one pass in insertion order clears every pivot.
        foreach ((int pivot, ulong[] row) in _rows)
        {
            if ((r[pivot >> 6] & (1UL << (pivot & 63))) != 0)
            {
                for (int w = 0; w < _words; w++)
                {
                    r[w] ^= row[w];
                }
            }
        }

        return r;
    }

    private static int FirstBit(ulong[] r)
    {
        for (int w = 0; w < r.Length; w++)
        {
            if (r[w] != 0)
            {
                return (w * 64) + System.Numerics.BitOperations.TrailingZeroCount(r[w]);
            }
        }

        return -1;
    }
}
