using System.Buffers.Binary;
using System.Text;

namespace JinanOnboard.Protocol.Delivery;

/// <summary>
/// The AGREEMENT body of the handshake (delivery.md "Plan agreement"): an ordered list of
/// (key, value) text pairs, its encoding, its limits, and the comparison of two lists. Layout
/// (big-endian): u16 count, then count × (u8 key length, key UTF-8, u16 value length, value UTF-8).
/// </summary>
internal static class PlanAgreement
{
    public const int MaxEntries = 1024;
    public const int MaxKeyBytes = 255;
    public const int MaxValueBytes = 4096;

    // Strict: a lone surrogate (sending) or an ill-formed sequence (receiving) is an error, never
    // a silent U+FFFD that could make two different plans look alike.
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first entry that breaks a limit of the encoding.</summary>
    public static void Validate(IReadOnlyList<KeyValuePair<string, string>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count > MaxEntries)
        {
            throw new ArgumentException($"The agreement list has {entries.Count} entries; at most {MaxEntries} are allowed.");
        }

        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach ((string key, string value) in entries)
        {
            int keyBytes = ByteCount(key, "key");
            if (keyBytes is 0 or > MaxKeyBytes)
            {
                throw new ArgumentException($"Agreement key '{key}' is {keyBytes} UTF-8 bytes; keys are 1..{MaxKeyBytes}.");
            }

            if (ByteCount(value, $"value of '{key}'") > MaxValueBytes)
            {
                throw new ArgumentException($"The value of agreement key '{key}' exceeds {MaxValueBytes} UTF-8 bytes.");
            }

            if (!keys.Add(key))
            {
                throw new ArgumentException($"Agreement key '{key}' appears twice.");
            }
        }
    }

    /// <summary>The body for a list that passed <see cref="Validate"/>.</summary>
    public static byte[] Encode(IReadOnlyList<KeyValuePair<string, string>> entries)
    {
        int length = 2 + entries.Sum(e => 1 + Utf8.GetByteCount(e.Key) + 2 + Utf8.GetByteCount(e.Value));
        byte[] body = new byte[length];
        BinaryPrimitives.WriteUInt16BigEndian(body, (ushort)entries.Count);
        int at = 2;
        foreach ((string key, string value) in entries)
        {
            int keyLength = Utf8.GetBytes(key, body.AsSpan(at + 1));
            body[at] = (byte)keyLength;
            at += 1 + keyLength;
            int valueLength = Utf8.GetBytes(value, body.AsSpan(at + 2));
            BinaryPrimitives.WriteUInt16BigEndian(body.AsSpan(at), (ushort)valueLength);
            at += 2 + valueLength;
        }

        return body;
    }

    /// <summary>Parses a body; false with the <paramref name="problem"/> when it breaks the layout or a limit.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> body, out List<KeyValuePair<string, string>> entries, out string problem)
    {
        entries = [];
        problem = "";
        if (body.Length < 2)
        {
            problem = "shorter than its count";
            return false;
        }

        int count = BinaryPrimitives.ReadUInt16BigEndian(body);
        if (count > MaxEntries)
        {
            problem = $"{count} entries (at most {MaxEntries})";
            return false;
        }

        var keys = new HashSet<string>(StringComparer.Ordinal);
        ReadOnlySpan<byte> rest = body[2..];
        for (int i = 0; i < count; i++)
        {
            if (!TryTake(ref rest, lengthBytes: 1, minBytes: 1, MaxKeyBytes, out string key))
            {
                problem = $"entry {i}: key missing, empty, truncated or not UTF-8";
                return false;
            }

            if (!TryTake(ref rest, lengthBytes: 2, minBytes: 0, MaxValueBytes, out string value))
            {
                problem = $"entry {i} ('{key}'): value truncated, not UTF-8 or longer than {MaxValueBytes} bytes";
                return false;
            }

            if (!keys.Add(key))
            {
                problem = $"key '{key}' appears twice";
                return false;
            }

            entries.Add(new(key, value));
        }

        if (!rest.IsEmpty)
        {
            problem = $"{rest.Length} bytes after the last entry";
            return false;
        }

        return true;
    }

    /// <summary>
    /// Every key whose value differs or that only one side has. Order of the lists does not matter
    /// for equality; it orders the result: this end's keys first, then the peer's extra keys.
    /// </summary>
    public static List<PlanDifference> Compare(IReadOnlyList<KeyValuePair<string, string>> here, IReadOnlyList<KeyValuePair<string, string>> atPeer)
    {
        var peer = atPeer.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
        var differences = new List<PlanDifference>();
        foreach ((string key, string value) in here)
        {
            string? theirs = peer.GetValueOrDefault(key);
            if (!string.Equals(value, theirs, StringComparison.Ordinal))
            {
                differences.Add(new PlanDifference(key, value, theirs));
            }
        }

        var ours = here.Select(e => e.Key).ToHashSet(StringComparer.Ordinal);
        differences.AddRange(atPeer.Where(e => !ours.Contains(e.Key)).Select(e => new PlanDifference(e.Key, null, e.Value)));
        return differences;
    }

    private static int ByteCount(string text, string what)
    {
        ArgumentNullException.ThrowIfNull(text, what);
        try
        {
            return Utf8.GetByteCount(text);
        }
        catch (EncoderFallbackException)
        {
            throw new ArgumentException($"Agreement {what} is not valid Unicode text (lone surrogate).");
        }
    }

    /// <summary>Takes one length-prefixed UTF-8 string (a u8 or u16 length, then the bytes).</summary>
    private static bool TryTake(ref ReadOnlySpan<byte> rest, int lengthBytes, int minBytes, int maxBytes, out string text)
    {
        text = "";
        if (rest.Length < lengthBytes)
        {
            return false;
        }

        int length = lengthBytes == 1 ? rest[0] : BinaryPrimitives.ReadUInt16BigEndian(rest);
        if (length < minBytes || length > maxBytes || rest.Length < lengthBytes + length)
        {
            return false;
        }

        try
        {
            text = Utf8.GetString(rest.Slice(lengthBytes, length));
        }
        catch (DecoderFallbackException)
        {
            return false;
        }

        rest = rest[(lengthBytes + length)..];
        return true;
    }
}
