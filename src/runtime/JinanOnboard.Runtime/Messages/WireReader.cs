using System.Buffers.Binary;
using System.Text;

namespace JinanOnboard.Runtime.Messages;

/// <summary>A message body that does not follow protocol-spec/messages.md; the receiver drops it and counts it.</summary>
public sealed class MalformedMessageException(string message) : Exception(message);

/// <summary>Bounds-checked big-endian reader over a message body: a short body is a MalformedMessageException, never an IndexOutOfRange.</summary>
internal ref struct WireReader(ReadOnlySpan<byte> data, string messageName)
{
    private ReadOnlySpan<byte> _rest = data;

    public readonly bool AtEnd => _rest.IsEmpty;

    public byte U8() => Take(1)[0];

    public ushort U16() => BinaryPrimitives.ReadUInt16BigEndian(Take(2));

    public uint U32() => BinaryPrimitives.ReadUInt32BigEndian(Take(4));

    public ulong U64() => BinaryPrimitives.ReadUInt64BigEndian(Take(8));

    public long I64() => BinaryPrimitives.ReadInt64BigEndian(Take(8));

    public double F64() => BinaryPrimitives.ReadDoubleBigEndian(Take(8));

    public string Utf8(int length) => Encoding.UTF8.GetString(Take(length));

    public ReadOnlySpan<byte> Bytes(int length) => Take(length);

    /// <summary>Unsigned LEB128, as protocol-spec/distillation.md defines varint (at most 10 bytes, no 64-bit overflow).</summary>
    public ulong VarUInt()
    {
        ulong value = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            byte b = U8();
            if (shift == 63 && b > 1)
            {
                throw new MalformedMessageException($"{messageName}: varint overflows 64 bits");
            }

            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }

        throw new MalformedMessageException($"{messageName}: varint longer than 10 bytes");
    }

    /// <summary>Zigzag-mapped signed varint (0, −1, 1, −2, … ↔ 0, 1, 2, 3, …).</summary>
    public long VarInt()
    {
        ulong zigzag = VarUInt();
        return (long)(zigzag >> 1) ^ -(long)(zigzag & 1);
    }

    public readonly void ExpectEnd()
    {
        if (!_rest.IsEmpty)
        {
            throw new MalformedMessageException($"{messageName}: {_rest.Length} unexpected trailing bytes");
        }
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (_rest.Length < count)
        {
            throw new MalformedMessageException($"{messageName}: truncated (needed {count} more bytes, {_rest.Length} left)");
        }

        ReadOnlySpan<byte> taken = _rest[..count];
        _rest = _rest[count..];
        return taken;
    }
}

/// <summary>Big-endian writer into a growable buffer.</summary>
internal sealed class WireWriter
{
    private readonly System.Buffers.ArrayBufferWriter<byte> _buffer;

    public WireWriter(int initialCapacity = 64) => _buffer = new(initialCapacity);

    public WireWriter U8(byte value)
    {
        _buffer.GetSpan(1)[0] = value;
        _buffer.Advance(1);
        return this;
    }

    public WireWriter U16(ushort value)
    {
        BinaryPrimitives.WriteUInt16BigEndian(_buffer.GetSpan(2), value);
        _buffer.Advance(2);
        return this;
    }

    public WireWriter U32(uint value)
    {
        BinaryPrimitives.WriteUInt32BigEndian(_buffer.GetSpan(4), value);
        _buffer.Advance(4);
        return this;
    }

    public WireWriter U64(ulong value)
    {
        BinaryPrimitives.WriteUInt64BigEndian(_buffer.GetSpan(8), value);
        _buffer.Advance(8);
        return this;
    }

    public WireWriter I64(long value)
    {
        BinaryPrimitives.WriteInt64BigEndian(_buffer.GetSpan(8), value);
        _buffer.Advance(8);
        return this;
    }

    public WireWriter F64(double value)
    {
        BinaryPrimitives.WriteDoubleBigEndian(_buffer.GetSpan(8), value);
        _buffer.Advance(8);
        return this;
    }

    /// <summary>Unsigned LEB128 (see <see cref="WireReader.VarUInt"/>).</summary>
    public WireWriter VarUInt(ulong value)
    {
        while (value >= 0x80)
        {
            U8((byte)(value | 0x80));
            value >>= 7;
        }

        return U8((byte)value);
    }

    /// <summary>Zigzag-mapped signed varint (see <see cref="WireReader.VarInt"/>).</summary>
    public WireWriter VarInt(long value) => VarUInt((ulong)((value << 1) ^ (value >> 63)));

    public WireWriter Bytes(ReadOnlySpan<byte> value)
    {
        value.CopyTo(_buffer.GetSpan(value.Length));
        _buffer.Advance(value.Length);
        return this;
    }

    public byte[] ToArray() => _buffer.WrittenSpan.ToArray();
}
