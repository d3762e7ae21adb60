namespace JinanOnboard.Distillation.Sifting;

/// <summary>One packet of sifted key: its bits and the class (basis, intensity) of every bit.</summary>
/// <param name="PacketId">Sequential packet number, identical on both sides.</param>
/// <param name="Bits">Packed bits.</param>
/// <param name="Classes">Class of each bit (<see cref="SiftedBitClass"/>).</param>
internal sealed record SiftedPacket(int PacketId, byte[] Bits, byte[] Classes)
{
    /// <summary>n_{b,k}: number of bits per class.</summary>
    public long[] CountPerClass()
    {
        var counts = new long[SiftedBitClass.Count];
        foreach (byte c in Classes)
        {
            counts[c]++;
        }

        return counts;
    }
}

/// <summary>
/// Accumulates sifted bits in detection order and cuts them into fixed-size packets. Both sides
/// append the same positions in the same order, so packet k is the same set of pulses on both
/// (system.md step 3: 100 kbit packets). A tail shorter than a packet at the end of the pass is dropped.
/// </summary>
internal sealed class SiftedKeyBuffer
{
    private readonly int _packetBits;
    private byte[] _bits;
    private byte[] _classes;
    private int _count;
    private int _nextPacketId;

    public SiftedKeyBuffer(int packetBits)
    {
        _packetBits = packetBits;
        _bits = new byte[packetBits / 8];
        _classes = new byte[packetBits];
    }

    /// <summary>Total sifted bits appended so far.</summary>
    public long TotalBits { get; private set; }

    /// <summary>Packets cut so far.</summary>
    public int PacketCount => _nextPacketId;

    /// <summary>Appends one bit; returns a finished packet when this bit completes one, else null.</summary>
    public SiftedPacket? Append(int bit, byte bitClass)
    {
        PackedBits.Set(_bits, _count, bit);
        _classes[_count] = bitClass;
        _count++;
        TotalBits++;
        if (_count < _packetBits)
        {
            return null;
        }

        var packet = new SiftedPacket(_nextPacketId++, _bits, _classes);
        _bits = new byte[_packetBits / 8];
        _classes = new byte[_packetBits];
        _count = 0;
        return packet;
    }
}
