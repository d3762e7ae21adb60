using System.Globalization;

namespace JinanOnboard.Devices.Waveplates.Elliptec;

/// <summary>
/// One module-to-host packet: address digit, two-letter upper-case header, data, terminated by CR LF (ELLx modules
/// protocol manual, "Protocol details"). <see cref="Raw"/> keeps the bytes as received for error messages.
/// </summary>
public readonly record struct ElliptecReply(int Address, string Header, string Data, ReadOnlyMemory<byte> Raw)
{
    /// <summary><c>PO</c>: position, eight hex digits.</summary>
    public const string Position = "PO";

    /// <summary><c>GS</c>: status, two hex digits (<see cref="ElliptecStatus"/>).</summary>
    public const string Status = "GS";

    /// <summary><c>IN</c>: information, 30 characters (<see cref="ElliptecDeviceInfo"/>).</summary>
    public const string Information = "IN";

    /// <summary>
    /// Parses one line (without its CR LF). Fails on anything that is not an address digit, two upper-case letters and
    /// printable ASCII data, and on a PO/GS/IN whose data is not of the documented length and alphabet.
    /// </summary>
    public static bool TryParse(ReadOnlyMemory<byte> line, out ElliptecReply reply)
    {
        reply = default;
        ReadOnlySpan<byte> span = line.Span;
        if (span.Length < 3 || !TryHexDigit(span[0], out int address) || !IsUpper(span[1]) || !IsUpper(span[2]))
        {
            return false;
        }

        foreach (byte b in span[3..])
        {
            if (b is < 0x20 or >= 0x7F)
            {
                return false;
            }
        }

        string header = string.Create(2, line, static (chars, l) => { chars[0] = (char)l.Span[1]; chars[1] = (char)l.Span[2]; });
        string data = System.Text.Encoding.ASCII.GetString(span[3..]);
        bool wellFormed = header switch
        {
            Position => data.Length == 8 && IsHex(data),
            Status => data.Length == 2 && IsHex(data),
            Information => data.Length == ElliptecDeviceInfo.DataLength && IsHex(data),
            _ => true,
        };
        if (!wellFormed)
        {
            return false;
        }

        reply = new ElliptecReply(address, header, data, line);
        return true;
    }

    /// <summary>The pulse count of a <c>PO</c> reply (32-bit two's complement).</summary>
    public int Pulses => unchecked((int)uint.Parse(Data, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture));

    /// <summary>The status of a <c>GS</c> reply.</summary>
    public ElliptecStatus StatusCode => (ElliptecStatus)byte.Parse(Data, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);

    private static bool TryHexDigit(byte b, out int value)
    {
        value = b switch
        {
            >= (byte)'0' and <= (byte)'9' => b - '0',
            >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
            _ => -1,
        };
        return value >= 0;
    }

    private static bool IsUpper(byte b) => b is >= (byte)'A' and <= (byte)'Z';

    private static bool IsHex(string s)
    {
        foreach (char c in s)
        {
            if (!char.IsAsciiHexDigitUpper(c) && !char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
