using System.Text;
using JinanOnboard.Primitives.Wire;

namespace JinanOnboard.Devices.TimeTagger.Ptu;

/// <summary>
/// The header of a PTU file (protocol-spec/export.md §PTU): the preambles <c>PQTTTR</c> and the tag format version, then
/// tags up to <c>Header_End</c>. All integers little-endian; every tag starts at a multiple of 8 bytes.
/// </summary>
public sealed class PtuHeader
{
    /// <summary>Largest string, array or blob a header tag may announce (a corrupt count must not ask for gigabytes).</summary>
    public const long MaxTagDataBytes = 64 << 20;

    private PtuHeader(string version, IReadOnlyList<PtuTag> tags, long length)
    {
        Version = version;
        Tags = tags;
        Length = length;
    }

    /// <summary>The tag format version of preamble 2 ("1.0.00" or "00.0.1").</summary>
    public string Version { get; }

    /// <summary>The tags in file order, <c>Header_End</c> included.</summary>
    public IReadOnlyList<PtuTag> Tags { get; }

    /// <summary>Bytes from the start of the file to the first record.</summary>
    public long Length { get; }

    /// <summary>The first tag named <paramref name="ident"/> (with <paramref name="index"/>), or null.</summary>
    public PtuTag? Find(string ident, int index = PtuFormat.NoIndex)
    {
        foreach (PtuTag tag in Tags)
        {
            if (tag.Index == index && string.Equals(tag.Ident, ident, StringComparison.Ordinal))
            {
                return tag;
            }
        }

        return null;
    }

    /// <summary>
    /// Reads the header from the start of <paramref name="input"/>, leaving it at the first record; <paramref name="name"/>
    /// names the file in messages.
    /// </summary>
    /// <exception cref="InvalidDataException">Not a PTU file, or a header that is truncated or damaged (the message names the offset).</exception>
    public static PtuHeader Read(Stream input, string name)
    {
        ArgumentNullException.ThrowIfNull(input);
        Span<byte> preambles = stackalloc byte[2 * PtuFormat.PreambleBytes];
        if (input.ReadAtLeast(preambles, preambles.Length, throwOnEndOfStream: false) < preambles.Length
            || ZeroTerminated(preambles[..PtuFormat.PreambleBytes]) != PtuFormat.Magic)
        {
            throw new InvalidDataException($"{name} is not a PicoQuant PTU file (no PQTTTR preamble at offset 0).");
        }

        string version = ZeroTerminated(preambles[PtuFormat.PreambleBytes..]);
        long offset = preambles.Length;
        var tags = new List<PtuTag>();
        Span<byte> head = stackalloc byte[PtuFormat.TagBytes];
        while (true)
        {
            if (input.ReadAtLeast(head, head.Length, throwOnEndOfStream: false) < head.Length)
            {
                throw new InvalidDataException($"{name}: the PTU header ends at offset {offset} before its Header_End tag.");
            }

            var reader = new WireReader(head, "PTU tag", ByteOrder.LittleEndian);
            string ident = ZeroTerminated(reader.Bytes(PtuFormat.TagIdentBytes, "ident"));
            int index = reader.I32("index");
            var type = (PtuTagType)reader.U32("type");
            long raw = reader.I64("value");
            string? text = null;
            if (HasData(type))
            {
                if (raw is < 0 or > MaxTagDataBytes)
                {
                    throw new InvalidDataException($"{name}: PTU tag {ident} at offset {offset} announces {raw} bytes of data.");
                }

                text = ReadData(input, type, (int)raw, name, ident, offset + PtuFormat.TagBytes);
            }
            else if (!Enum.IsDefined(type))
            {
                throw new InvalidDataException($"{name}: PTU tag {ident} at offset {offset} has the unknown type code 0x{(uint)type:X8}.");
            }

            tags.Add(new PtuTag(ident, index, type, raw, text));
            offset += PtuFormat.TagBytes + (HasData(type) ? raw : 0);
            if (ident == "Header_End")
            {
                return new PtuHeader(version, tags, offset);
            }
        }
    }

    /// <summary>True for the types whose value is a byte count of data that follows the tag.</summary>
    internal static bool HasData(PtuTagType type) => type is PtuTagType.Int8Array or PtuTagType.Float8Array
        or PtuTagType.AnsiString or PtuTagType.WideString or PtuTagType.BinaryBlob;

    private static string? ReadData(Stream input, PtuTagType type, int count, string name, string ident, long offset)
    {
        byte[] data = new byte[count];
        if (input.ReadAtLeast(data, count, throwOnEndOfStream: false) < count)
        {
            throw new InvalidDataException($"{name}: the PTU header ends inside the {count} data bytes of tag {ident} (offset {offset}).");
        }

        return type switch
        {
            // Text written by PicoQuant software is ANSI (mostly ASCII); UTF-8 reads ASCII unchanged and is what we write.
            PtuTagType.AnsiString => ZeroTerminated(data),
            PtuTagType.WideString => Encoding.Unicode.GetString(data).Split('\0')[0],
            _ => null,
        };
    }

    private static string ZeroTerminated(ReadOnlySpan<byte> bytes)
    {
        int end = bytes.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end < 0 ? bytes : bytes[..end]);
    }
}
