using System.Buffers.Binary;
using System.Text;

namespace JinanOnboard.Primitives.Wire;

/// <summary>
/// Bounds-checked reader of one message body, field by field in spec order. Every read names its field, so a bad body
/// becomes a <see cref="MalformedMessageException"/> saying which field at which byte, never an IndexOutOfRangeException
/// or a garbage value. A ref struct over the body: reading allocates nothing but the strings asked for.
/// </summary>
public ref struct WireReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly ReadOnlySpan<byte> _data;
    private readonly string _message;
    private readonly bool _littleEndian;
    private int _position;
    private int _fieldStart;

    /// <param name="body">The whole body: <see cref="End"/> refuses bytes after the last field.</param>
    /// <param name="message">The message's name in error messages ("sync word batch").</param>
    /// <param name="order">Byte order of the multi-byte fields, as the body's spec says.</param>
    public WireReader(ReadOnlySpan<byte> body, string message, ByteOrder order = ByteOrder.BigEndian)
    {
        _data = body;
        _message = message;
        _littleEndian = order == ByteOrder.LittleEndian;
    }

    /// <summary>Bytes read so far.</summary>
    public readonly int Position => _position;

    public readonly int Remaining => _data.Length - _position;

    /// <summary>
    /// The unread bytes, for a field whose length is only known once it is decoded (a bit-packed code): the field starts
    /// here, so <see cref="Fail"/> now points at it; consume it with <see cref="Bytes"/> once its length is known.
    /// </summary>
    public ReadOnlySpan<byte> PeekRest()
    {
        _fieldStart = _position;
        return _data[_position..];
    }

    public byte U8(string field) => Take(1, field)[0];

    public ushort U16(string field)
    {
        ReadOnlySpan<byte> s = Take(2, field);
        return _littleEndian ? BinaryPrimitives.ReadUInt16LittleEndian(s) : BinaryPrimitives.ReadUInt16BigEndian(s);
    }

    public uint U32(string field)
    {
        ReadOnlySpan<byte> s = Take(4, field);
        return _littleEndian ? BinaryPrimitives.ReadUInt32LittleEndian(s) : BinaryPrimitives.ReadUInt32BigEndian(s);
    }

    public ulong U64(string field)
    {
        ReadOnlySpan<byte> s = Take(8, field);
        return _littleEndian ? BinaryPrimitives.ReadUInt64LittleEndian(s) : BinaryPrimitives.ReadUInt64BigEndian(s);
    }

    public int I32(string field) => (int)U32(field);

    public long I64(string field) => (long)U64(field);

    public double F64(string field) => BitConverter.UInt64BitsToDouble(U64(field));

    /// <summary>A u8 that must be 0 (false) or 1 (true): flags and decisions.</summary>
    public bool Bool(string field) => BoundedU8(field, 0, 1) == 1;

    /// <summary>A u8 in <paramref name="min"/>..<paramref name="max"/>: lengths and enum values.</summary>
    public byte BoundedU8(string field, byte min, byte max) => (byte)Bounded(U8(field), min, max, field);

    /// <summary>A u16 in <paramref name="min"/>..<paramref name="max"/>: counts.</summary>
    public int BoundedU16(string field, int min, int max) => (int)Bounded(U16(field), (ulong)min, (ulong)max, field);

    /// <summary>A u32 in <paramref name="min"/>..<paramref name="max"/>, so a count is checked before anything is allocated for it.</summary>
    public int BoundedU32(string field, int min, int max) => (int)Bounded(U32(field), (ulong)min, (ulong)max, field);

    /// <summary>A u64 in <paramref name="min"/>..<paramref name="max"/>.</summary>
    public long BoundedU64(string field, long min, long max) => (long)Bounded(U64(field), (ulong)min, (ulong)max, field);

    public ReadOnlySpan<byte> Bytes(int count, string field) => Take(count, field);

    /// <summary><paramref name="length"/> bytes of strict UTF-8: invalid UTF-8 is malformed, not replaced.</summary>
    public string Utf8(int length, string field)
    {
        ReadOnlySpan<byte> bytes = Take(length, field);
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw Fail(field, "not UTF-8");
        }
    }

    /// <summary>A u8 length in 1..<paramref name="maxBytes"/>, then that many bytes of strict UTF-8 (names, pass ids).</summary>
    public string LengthPrefixedUtf8(string field, byte maxBytes) => Utf8(BoundedU8(field, 1, maxBytes), field);

    /// <summary>
    /// A u16 length in 0..<paramref name="maxBytes"/>, then that many bytes of strict UTF-8: text that may be empty or
    /// longer than a u8 can count (plan agreement values). The length is checked before the text is read.
    /// </summary>
    public string U16LengthPrefixedUtf8(string field, ushort maxBytes) => Utf8(BoundedU16(field, 0, maxBytes), field);

    /// <summary>Unsigned LEB128 (protocol-spec/messages.md): 7 bits a byte, low group first, at most 10 bytes and 64 bits.</summary>
    public ulong VarUInt(string field)
    {
        int start = _position;
        ulong value = 0;
        for (int shift = 0; ; shift += 7)
        {
            byte b = Take(1, field)[0];
            if (shift == 63 && b > 1)
            {
                // The 10th byte may only carry bit 63: anything more is a longer varint or a value above 64 bits.
                _fieldStart = start;
                throw Fail(field, "varint longer than 10 bytes or above 64 bits");
            }

            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                _fieldStart = start;
                return value;
            }
        }
    }

    /// <summary>Zigzag-mapped signed varint (0, −1, 1, −2, … ↔ 0, 1, 2, 3, …).</summary>
    public long VarInt(string field)
    {
        ulong zigzag = VarUInt(field);
        return (long)(zigzag >> 1) ^ -(long)(zigzag & 1);
    }

    /// <summary>Refuses bytes after the last field: a body must parse exactly.</summary>
    public readonly void End()
    {
        if (Remaining != 0)
        {
            throw new MalformedMessageException(_message, "end", _position, $"{Remaining} unexpected trailing bytes");
        }
    }

    /// <summary>
    /// The exception for a bad value of <paramref name="field"/>, located at the start of the field read last, which is
    /// the one just found wrong when a decoder checks a value right after reading it. The caller throws it, so the
    /// compiler sees the branch end.
    /// </summary>
    public readonly MalformedMessageException Fail(string field, string problem) => new(_message, field, _fieldStart, problem);

    private ulong Bounded(ulong value, ulong min, ulong max, string field) =>
        value >= min && value <= max ? value : throw Fail(field, $"{value} outside {min}..{max}");

    private ReadOnlySpan<byte> Take(int count, string field)
    {
        _fieldStart = _position;
        if (count < 0 || count > Remaining)
        {
            throw Fail(field, $"truncated (needs {count} bytes, {Remaining} left)");
        }

        ReadOnlySpan<byte> taken = _data.Slice(_position, count);
        _position += count;
        return taken;
    }
}
