using System.Text;
using JinanOnboard.Primitives.Wire;

namespace JinanOnboard.Protocol.Delivery;

/// <summary>
/// The AGREEMENT body of the handshake (delivery.md "Plan agreement"): an ordered list of
/// (key, value) text pairs, its encoding, its limits, and the comparison of two lists. Layout
/// (big-endian): u16 count, then count × (u8 key length, key UTF-8, u16 value length, value UTF-8).
/// </summary>
internal static class PlanAgreement
{
    public const int MaxEntries = 1024;
    public const byte MaxKeyBytes = 255;
    public const ushort MaxValueBytes = 4096;

    private const string Message = "plan agreement";
    private const string MessagePrefix = Message + ": ";

    // Strict: a lone surrogate is an error when counting bytes (Validate, Encode), never a silent U+FFFD that could make
    // two different plans look alike; on receipt WireReader refuses ill-formed UTF-8 for the same reason.
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
        var writer = new WireWriter(body);
        writer.U16((ushort)entries.Count);
        foreach ((string key, string value) in entries)
        {
            writer.LengthPrefixedUtf8(key, MaxKeyBytes);
            writer.U16LengthPrefixedUtf8(value, MaxValueBytes);
        }

        return body;
    }

    /// <summary>Parses a body, in the sender's order.</summary>
    /// <exception cref="MalformedMessageException">The body breaks the layout or a limit, or repeats a key.</exception>
    public static List<KeyValuePair<string, string>> Decode(ReadOnlySpan<byte> body)
    {
        var reader = new WireReader(body, Message);
        int count = reader.U16("n");
        if (count > MaxEntries)
        {
            // This and the checks on the whole list below are not one field's value, so they carry no field or offset.
            throw new MalformedMessageException($"{Message}: {count} entries (at most {MaxEntries})");
        }

        var entries = new List<KeyValuePair<string, string>>(count);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < count; i++)
        {
            // The entry (and the key, once known) goes into the field name, so a report points at it in a list of up to 1024.
            string key = reader.LengthPrefixedUtf8($"entry {i} key", MaxKeyBytes);
            string value = reader.U16LengthPrefixedUtf8($"entry {i} ('{key}') value", MaxValueBytes);
            if (!keys.Add(key))
            {
                throw new MalformedMessageException($"{Message}: key '{key}' appears twice");
            }

            entries.Add(new(key, value));
        }

        if (reader.Remaining != 0)
        {
            throw new MalformedMessageException($"{Message}: {reader.Remaining} bytes after the last entry");
        }

        return entries;
    }

    /// <summary>
    /// <see cref="Decode"/>, false with the <paramref name="problem"/> when the body does not parse. The problem omits the
    /// message name every <see cref="MalformedMessageException"/> of <see cref="Decode"/> starts with: the caller's
    /// report ("The peer's plan agreement is malformed: …") names the message already.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> body, out List<KeyValuePair<string, string>> entries, out string problem)
    {
        try
        {
            entries = Decode(body);
            problem = "";
            return true;
        }
        catch (MalformedMessageException e)
        {
            entries = [];
            problem = e.Message.StartsWith(MessagePrefix, StringComparison.Ordinal) ? e.Message[MessagePrefix.Length..] : e.Message;
            return false;
        }
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
}
