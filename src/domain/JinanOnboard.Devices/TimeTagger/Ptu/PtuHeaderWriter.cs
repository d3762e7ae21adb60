using System.Buffers;
using System.Text;
using JinanOnboard.Primitives.Wire;

namespace JinanOnboard.Devices.TimeTagger.Ptu;

/// <summary>
/// Lays out PTU header tags (<see cref="PtuHeader"/>) in memory. Values only known after the records (their count,
/// the sync rate, the file GUID) are written as placeholders whose offsets the caller keeps and patches at the end.
/// </summary>
internal sealed class PtuHeaderWriter
{
    private readonly ArrayBufferWriter<byte> _bytes = new(1024);

    public PtuHeaderWriter()
    {
        Preamble(PtuFormat.Magic);
        Preamble(PtuFormat.Version);
    }

    public ReadOnlySpan<byte> Written => _bytes.WrittenSpan;

    public void Empty(string ident) => Tag(ident, PtuTagType.Empty8, 0);

    public void Bool(string ident, bool value) => Tag(ident, PtuTagType.Bool8, value ? 1 : 0);

    /// <summary>Writes an Int8 tag; returns the offset of its value (to patch it later).</summary>
    public int Int(string ident, long value, int index = PtuFormat.NoIndex) => Tag(ident, PtuTagType.Int8, value, index);

    public void Float(string ident, double value) => Tag(ident, PtuTagType.Float8, BitConverter.DoubleToInt64Bits(value));

    /// <summary>
    /// Writes an AnsiString tag: the text as UTF-8 (ASCII in every string this code writes but free-text comments),
    /// at least one NUL, zero-filled to a multiple of 8 bytes. Returns the offset of the text.
    /// </summary>
    public int AnsiString(string ident, string text)
    {
        int length = Encoding.UTF8.GetByteCount(text);
        int gross = (length / 8 + 1) * 8;
        Tag(ident, PtuTagType.AnsiString, gross);
        int offset = _bytes.WrittenCount;
        Span<byte> data = _bytes.GetSpan(gross)[..gross];
        data.Clear();
        Encoding.UTF8.GetBytes(text, data);
        _bytes.Advance(gross);
        return offset;
    }

    private int Tag(string ident, PtuTagType type, long value, int index = PtuFormat.NoIndex)
    {
        if (ident.Length >= PtuFormat.TagIdentBytes || !Ascii.IsValid(ident))
        {
            throw new ArgumentException($"PTU tag identifier '{ident}' must be ASCII of at most {PtuFormat.TagIdentBytes - 1} characters.", nameof(ident));
        }

        var writer = new WireWriter(_bytes, ByteOrder.LittleEndian);
        Span<byte> name = writer.GetSpan(PtuFormat.TagIdentBytes);
        name.Clear();
        Encoding.ASCII.GetBytes(ident, name);
        writer.Advance(PtuFormat.TagIdentBytes);
        writer.I32(index);
        writer.U32((uint)type);
        int valueOffset = _bytes.WrittenCount;
        writer.I64(value);
        return valueOffset;
    }

    private void Preamble(string text)
    {
        Span<byte> preamble = _bytes.GetSpan(PtuFormat.PreambleBytes)[..PtuFormat.PreambleBytes];
        preamble.Clear();
        Encoding.ASCII.GetBytes(text, preamble);
        _bytes.Advance(PtuFormat.PreambleBytes);
    }
}
