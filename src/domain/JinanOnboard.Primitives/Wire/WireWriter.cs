using System.Buffers;
using System.Numerics;
using System.Text;

namespace JinanOnboard.Primitives.Wire;

/// <summary>
/// Writes one message body field by field, in the byte order its spec says, either into a fixed destination span (a
/// stack buffer on a hot path: nothing is allocated) or onto an <see cref="IBufferWriter{T}"/> that grows (a body
/// whose length is only known once written). Running out of a fixed destination is a caller's bug, not bad input:
/// <see cref="ArgumentException"/>, as is a value the format cannot carry.
/// </summary>
public ref struct WireWriter
{
    private readonly Span<byte> _destination;
    private readonly IBufferWriter<byte>? _output;
    private readonly bool _littleEndian;
    private int _written;

    public WireWriter(Span<byte> destination, ByteOrder order = ByteOrder.BigEndian)
    {
        _destination = destination;
        _littleEndian = order == ByteOrder.LittleEndian;
    }

    public WireWriter(IBufferWriter<byte> output, ByteOrder order = ByteOrder.BigEndian)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
        _littleEndian = order == ByteOrder.LittleEndian;
    }

    /// <summary>Bytes written by this writer.</summary>
    public readonly int Written => _written;

    public void U8(byte value)
    {
        GetSpan(1)[0] = value;
        Advance(1);
    }

    public void Bool(bool value) => U8(value ? (byte)1 : (byte)0);

    public void U16(ushort value) => Integer(value, sizeof(ushort));

    public void U32(uint value) => Integer(value, sizeof(uint));

    public void U64(ulong value) => Integer(value, sizeof(ulong));

    public void I32(int value) => U32((uint)value);

    public void I64(long value) => U64((ulong)value);

    public void F64(double value) => U64(BitConverter.DoubleToUInt64Bits(value));

    public void Bytes(ReadOnlySpan<byte> value)
    {
        value.CopyTo(GetSpan(value.Length));
        Advance(value.Length);
    }

    /// <summary>A u8 length in 1..<paramref name="maxBytes"/>, then <paramref name="value"/> as UTF-8 (see <see cref="WireReader.LengthPrefixedUtf8"/>).</summary>
    public void LengthPrefixedUtf8(string value, byte maxBytes)
    {
        ArgumentNullException.ThrowIfNull(value);
        int length = Encoding.UTF8.GetByteCount(value);
        if (length < 1 || length > maxBytes)
        {
            throw new ArgumentException($"'{value}' must be 1..{maxBytes} UTF-8 bytes.", nameof(value));
        }

        U8((byte)length);
        Encoding.UTF8.GetBytes(value, GetSpan(length));
        Advance(length);
    }

    /// <summary>A u16 length in 0..<paramref name="maxBytes"/>, then <paramref name="value"/> as UTF-8 (see <see cref="WireReader.U16LengthPrefixedUtf8"/>).</summary>
    public void U16LengthPrefixedUtf8(string value, ushort maxBytes)
    {
        ArgumentNullException.ThrowIfNull(value);
        int length = Encoding.UTF8.GetByteCount(value);
        if (length > maxBytes)
        {
            throw new ArgumentException($"'{value}' must be at most {maxBytes} UTF-8 bytes.", nameof(value));
        }

        U16((ushort)length);
        Encoding.UTF8.GetBytes(value, GetSpan(length));
        Advance(length);
    }

    /// <summary>Unsigned LEB128 (see <see cref="WireReader.VarUInt"/>).</summary>
    public void VarUInt(ulong value)
    {
        while (value >= 0x80)
        {
            U8((byte)(value | 0x80));
            value >>= 7;
        }

        U8((byte)value);
    }

    /// <summary>Zigzag-mapped signed varint (see <see cref="WireReader.VarInt"/>).</summary>
    public void VarInt(long value) => VarUInt((ulong)((value << 1) ^ (value >> 63)));

    /// <summary>
    /// Exactly <paramref name="count"/> bytes at the end, for a field an encoder fills in place (bit-packed codes); then
    /// <see cref="Advance"/> by the same count before the next write, as with <see cref="IBufferWriter{T}"/>.
    /// </summary>
    public readonly Span<byte> GetSpan(int count)
    {
        if (_output is not null)
        {
            return _output.GetSpan(count)[..count];
        }

        if (count > _destination.Length - _written)
        {
            throw new ArgumentException($"The destination has {_destination.Length - _written} bytes left; the next field needs {count}.");
        }

        return _destination.Slice(_written, count);
    }

    public void Advance(int count)
    {
        _output?.Advance(count);
        _written += count;
    }

    /// <summary>One fixed-width integer in this writer's byte order (generic so the JIT emits one store per width).</summary>
    private void Integer<T>(T value, int size)
        where T : IBinaryInteger<T>
    {
        Span<byte> destination = GetSpan(size);
        _ = _littleEndian ? value.WriteLittleEndian(destination) : value.WriteBigEndian(destination);
        Advance(size);
    }
}
