using System.Buffers.Binary;

namespace JinanOnboard.Distillation.Protocol.Messages;

/// <summary>
/// Reads big-endian fields and packed bits from a message body; every overrun or bad value is a
/// <see cref="DistillationProtocolException"/> naming the message and field.
/// </summary>
internal ref struct WireReader
{
    private readonly ReadOnlySpan<byte> _data;
    private readonly string _message;
    private int _position;

    public WireReader(ReadOnlySpan<byte> data, string message)
    {
        _data = data;
        _message = message;
        _position = 0;
    }

    public readonly int Remaining => _data.Length - _position;

    /// <summary>The unread bytes, for a field whose length is only known once it is decoded.</summary>
    public readonly ReadOnlySpan<byte> Rest => _data[_position..];

    public byte U8(string field) => Take(1, field)[0];

    public ushort U16(string field) => BinaryPrimitives.ReadUInt16BigEndian(Take(2, field));

    public uint U32(string field) => BinaryPrimitives.ReadUInt32BigEndian(Take(4, field));

    public ulong U64(string field) => BinaryPrimitives.ReadUInt64BigEndian(Take(8, field));

    /// <summary>A u32 that must lie in <paramref name="min"/>..<paramref name="max"/>.</summary>
    public int BoundedU32(string field, int min, int max)
    {
        uint value = U32(field);
        if (value < (uint)min || value > (uint)max)
        {
            throw Fail($"{field} = {value} outside {min}..{max}");
        }

        return (int)value;
    }

    /// <summary>A u64 that must be at most <paramref name="max"/>.</summary>
    public long BoundedU64(string field, long max)
    {
        ulong value = U64(field);
        if (value > (ulong)max)
        {
            throw Fail($"{field} = {value} exceeds {max}");
        }

        return (long)value;
    }

    public ReadOnlySpan<byte> Take(int count, string field)
    {
        if (count < 0 || count > Remaining)
        {
            throw Fail($"truncated at {field} (needs {count} bytes, {Remaining} left)");
        }

        ReadOnlySpan<byte> span = _data.Slice(_position, count);
        _position += count;
        return span;
    }

    /// <summary>Packed bits of <paramref name="bits"/> bits whose unused high bits of the last byte must be zero.</summary>
    public ReadOnlySpan<byte> PackedBits(long bits, string field)
    {
        ReadOnlySpan<byte> span = Take(Sifting.PackedBits.ByteCount(bits), field);
        if (!Sifting.PackedBits.PaddingIsZero(span, bits))
        {
            throw Fail($"{field} has non-zero padding bits");
        }

        return span;
    }

    public readonly void End()
    {
        if (Remaining != 0)
        {
            throw Fail($"{Remaining} unexpected trailing bytes");
        }
    }

    public readonly DistillationProtocolException Fail(string problem) => new($"Malformed {_message}: {problem}.");
}
