namespace JinanOnboard.Ldpc.Construction;

/// <summary>
/// The base graph under construction by <see cref="LiftedGraphBuilder"/>: fixed variable degrees, concentrated check
/// capacities (⌊E/m⌋, the first E mod m checks one more), and a circulant shift on every edge.
/// </summary>
internal sealed class BaseGraph
{
    private const int Z = LiftedStructure.Z;

    private readonly int[] _checkStart;
    private readonly int[] _checkFill;
    private readonly int[] _checkVariable;
    private readonly byte[] _checkShift;

    public BaseGraph(int[] variableDegrees, int rows)
    {
        long edges = 0;
        foreach (int d in variableDegrees)
        {
            edges += d;
        }

        _checkStart = new int[rows + 1];
        int baseDegree = (int)(edges / rows);
        int extra = (int)(edges % rows);
        for (int c = 0; c < rows; c++)
        {
            _checkStart[c + 1] = _checkStart[c] + baseDegree + (c < extra ? 1 : 0);
        }

        _checkFill = new int[rows];
        _checkVariable = new int[edges];
        _checkShift = new byte[edges];
        Columns = variableDegrees.Length;
    }

    public int Columns { get; }

    public int Rows => _checkFill.Length;

    public void Connect(int variable, int check, int shift)
    {
        int slot = _checkStart[check] + _checkFill[check]++;
        _checkVariable[slot] = variable;
        _checkShift[slot] = (byte)shift;
    }

    /// <summary>Check c repeated once per free slot, checks ascending.</summary>
    public int[] Sockets()
    {
        int count = 0;
        for (int c = 0; c < Rows; c++)
        {
            count += _checkStart[c + 1] - _checkStart[c] - _checkFill[c];
        }

        var sockets = new int[count];
        int s = 0;
        for (int c = 0; c < Rows; c++)
        {
            for (int slot = _checkStart[c] + _checkFill[c]; slot < _checkStart[c + 1]; slot++)
            {
                sockets[s++] = c;
            }
        }

        return sockets;
    }

    /// <summary>
    /// Shifts s (bit mask) for which an edge (v, c, s) would close a lifted 4-cycle v–c–u–c₁–v: those with
    /// s ≡ o + s(u, c) for an offset o = s₁ − s(u, c₁) recorded for u by <see cref="RecordOffsets"/> (stamp = v's).
    /// </summary>
    public int ForbiddenShifts(int check, int[] offsets, int[] offsetStamp, int stamp)
    {
        int mask = 0;
        for (int slot = _checkStart[check]; slot < _checkStart[check] + _checkFill[check]; slot++)
        {
            int u = _checkVariable[slot];
            if (offsetStamp[u] == stamp)
            {
                mask |= RotateLeft(offsets[u], _checkShift[slot]);
            }
        }

        return mask;
    }

    /// <summary>After connecting (v, c, s): every other u on c gets the offset s − s(u, c) (mod Z).</summary>
    public void RecordOffsets(int variable, int check, int shift, int[] offsets, int[] offsetStamp, int stamp)
    {
        for (int slot = _checkStart[check]; slot < _checkStart[check] + _checkFill[check]; slot++)
        {
            int u = _checkVariable[slot];
            if (u == variable)
            {
                continue;
            }

            if (offsetStamp[u] != stamp)
            {
                offsetStamp[u] = stamp;
                offsets[u] = 0;
            }

            offsets[u] |= 1 << ((shift - _checkShift[slot]) & (Z - 1));
        }
    }

    /// <summary>The finished base graph, each base row's entries sorted by base column.</summary>
    public LiftedStructure ToStructure()
    {
        var rowStart = new int[Rows + 1];
        for (int c = 0; c < Rows; c++)
        {
            rowStart[c + 1] = rowStart[c] + _checkFill[c];
        }

        var block = new int[rowStart[Rows]];
        var shift = new byte[rowStart[Rows]];
        for (int c = 0; c < Rows; c++)
        {
            int from = rowStart[c];
            int length = _checkFill[c];
            Array.Copy(_checkVariable, _checkStart[c], block, from, length);
            Array.Copy(_checkShift, _checkStart[c], shift, from, length);
            Array.Sort(block, shift, from, length);
        }

        return new LiftedStructure(Columns, Rows, rowStart, block, shift);
    }

    private static int RotateLeft(int mask, int by) => ((mask << by) | (mask >> (Z - by))) & ((1 << Z) - 1);
}
