using System.Buffers.Binary;

namespace JinanOnboard.Distillation.Protocol.Messages;

/// <summary>Writes big-endian fixed-width fields and byte strings into a growable buffer.</summary>
internal sealed class WireWriter
{
    private byte[] _buffer;

    public WireWriter(int capacity)
    {
        _buffer = new byte[Math.Max(16, capacity)];
    }

    public int Length { get; private set; }

    public void U8(byte value) => Reserve(1)[0] = value;

    public void U16(ushort value) => BinaryPrimitives.WriteUInt16BigEndian(Reserve(2), value);

    public void U32(uint value) => BinaryPrimitives.WriteUInt32BigEndian(Reserve(4), value);

    public void U64(ulong value) => BinaryPrimitives.WriteUInt64BigEndian(Reserve(8), value);

    public void Bytes(ReadOnlySpan<byte> value) => value.CopyTo(Reserve(value.Length));

    /// <summary>Space for <paramref name="count"/> bytes at the end, returned for the caller to fill.</summary>
    public Span<byte> Reserve(int count)
    {
        if (Length + count > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, Length + count));
        }

        Span<byte> span = _buffer.AsSpan(Length, count);
        Length += count;
        return span;
    }

    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, Length);

    public byte[] ToArray() => _buffer.AsSpan(0, Length).ToArray();
}
