using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace JinanOnboard.Devices.Mirrors.PiE727;

/// <summary>
/// Reads GCS 2.0 replies (PZ233E, "GCS Syntax": one <c>item=value</c> line per queried axis, lines joined by
/// "SP LF", the last ending in LF alone). Anything else is a <see cref="GcsProtocolException"/> naming the bytes.
/// </summary>
internal static class GcsReplyParser
{
    /// <summary>A free-text reply (<c>*IDN?</c>): one line of printable ASCII.</summary>
    public static string ParseText(byte[] reply, string device, string command)
    {
        ReadOnlySpan<byte> line = TrimLine(reply);
        foreach (byte b in line)
        {
            if (b is < 0x20 or > 0x7E)
            {
                throw new GcsProtocolException(device, command, reply, "not printable ASCII");
            }
        }

        return Encoding.ASCII.GetString(line);
    }

    /// <summary>An integer reply (<c>ERR?</c>).</summary>
    public static int ParseInteger(byte[] reply, string device, string command)
    {
        ReadOnlySpan<byte> line = TrimLine(reply);
        if (!Utf8Parser.TryParse(line, out int value, out int consumed) || consumed != line.Length || line.IsEmpty)
        {
            throw new GcsProtocolException(device, command, reply, "expected an integer");
        }

        return value;
    }

    /// <summary>
    /// An <c>axis=value</c> reply for exactly <paramref name="axes"/>, in that order (the controller answers in the order
    /// asked); values written into <paramref name="values"/>.
    /// </summary>
    public static void ParseAxisValues(byte[] reply, IReadOnlyList<string> axes, Span<double> values, string device, string command)
    {
        ReadOnlySpan<byte> rest = reply;
        for (int i = 0; i < axes.Count; i++)
        {
            ReadOnlySpan<byte> field = NextAxisField(ref rest, reply, axes, i, device, command);
            if (!TryParseDouble(field, out values[i]))
            {
                throw new GcsProtocolException(device, command, reply, $"value of axis {axes[i]} is not a number");
            }
        }

        ThrowIfTrailing(rest, reply, device, command);
    }

    /// <summary>An <c>axis=text</c> reply (<c>PUN?</c>) for exactly <paramref name="axes"/>, in that order.</summary>
    public static string[] ParseAxisTexts(byte[] reply, IReadOnlyList<string> axes, string device, string command)
    {
        var texts = new string[axes.Count];
        ReadOnlySpan<byte> rest = reply;
        for (int i = 0; i < axes.Count; i++)
        {
            ReadOnlySpan<byte> field = NextAxisField(ref rest, reply, axes, i, device, command);
            texts[i] = ParseText([.. field, (byte)'\n'], device, command);
            if (texts[i].Length == 0)
            {
                throw new GcsProtocolException(device, command, reply, $"axis {axes[i]} has an empty value");
            }
        }

        ThrowIfTrailing(rest, reply, device, command);
        return texts;
    }

    /// <summary>Takes line <paramref name="i"/> off <paramref name="rest"/> and returns its value field after "axis=".</summary>
    private static ReadOnlySpan<byte> NextAxisField(ref ReadOnlySpan<byte> rest, byte[] reply, IReadOnlyList<string> axes, int i, string device, string command)
    {
        int lf = rest.IndexOf((byte)'\n');
        if (lf < 0)
        {
            throw new GcsProtocolException(device, command, reply, $"{axes.Count} lines expected, {i} found");
        }

        ReadOnlySpan<byte> line = rest[..lf];
        rest = rest[(lf + 1)..];
        bool continues = line.Length > 0 && line[^1] == (byte)' ';
        if (continues)
        {
            line = line[..^1];
        }

        if (continues != (i < axes.Count - 1))
        {
            throw new GcsProtocolException(device, command, reply, "line continuation does not match the axes asked");
        }

        int eq = line.IndexOf((byte)'=');
        if (eq <= 0 || !AxisIs(line[..eq], axes[i]))
        {
            throw new GcsProtocolException(device, command, reply, $"expected '{axes[i]}=value' in line {i + 1}");
        }

        return line[(eq + 1)..];
    }

    private static void ThrowIfTrailing(ReadOnlySpan<byte> rest, byte[] reply, string device, string command)
    {
        if (!rest.IsEmpty)
        {
            throw new GcsProtocolException(device, command, reply, "extra bytes after the last axis");
        }
    }

    private static bool AxisIs(ReadOnlySpan<byte> field, string axis)
    {
        if (field.Length != axis.Length)
        {
            return false;
        }

        for (int i = 0; i < field.Length; i++)
        {
            if (field[i] != axis[i])
            {
                return false;
            }
        }

        return true;
    }

    private static bool TryParseDouble(ReadOnlySpan<byte> text, out double value)
    {
        // Utf8Parser rejects a leading '+', which GCS writes on positive values ("1=+0.0000").
        if (!text.IsEmpty && text[0] == (byte)'+')
        {
            text = text[1..];
        }

        if (Utf8Parser.TryParse(text, out value, out int consumed, 'G') && consumed == text.Length && !text.IsEmpty)
        {
            return double.IsFinite(value);
        }

        // Fallback for exponent forms Utf8Parser's 'G' does not take.
        return double.TryParse(Encoding.ASCII.GetString(text), NumberStyles.Float, CultureInfo.InvariantCulture, out value)
            && double.IsFinite(value);
    }

    private static ReadOnlySpan<byte> TrimLine(ReadOnlySpan<byte> reply)
    {
        if (reply.Length > 0 && reply[^1] == (byte)'\n')
        {
            reply = reply[..^1];
        }

        return reply.TrimEnd((byte)' ');
    }
}
