using System.Text;

namespace JinanOnboard.Devices.Waveplates.Elliptec;

/// <summary>A failure talking to one Elliptec module: names the module's bus address and the bytes involved.</summary>
public class ElliptecException : IOException
{
    /// <summary>Creates the error for module <paramref name="address"/> (0-15).</summary>
    public ElliptecException(int address, string message, ReadOnlyMemory<byte> bytes = default, Exception? inner = null)
        : base(Describe(address, message, bytes.Span), inner)
    {
        Address = address;
        Bytes = bytes.ToArray();
    }

    /// <summary>The module's bus address, 0-15.</summary>
    public int Address { get; }

    /// <summary>The bytes the error is about (the reply received, or the command sent when nothing came back).</summary>
    public IReadOnlyList<byte> Bytes { get; }

    /// <summary>Bytes as hex with their printable ASCII, for one-line messages: <c>30 50 4F 0D 0A "0PO.."</c>.</summary>
    public static string Format(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder(bytes.Length * 4 + 4);
        foreach (byte b in bytes)
        {
            text.Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)).Append(' ');
        }

        text.Append('"');
        foreach (byte b in bytes)
        {
            text.Append(b is >= 0x20 and < 0x7F ? (char)b : '.');
        }

        return text.Append('"').ToString();
    }

    private static string Describe(int address, string message, ReadOnlySpan<byte> bytes)
        => bytes.IsEmpty
            ? $"Elliptec module {address:X1}: {message}"
            : $"Elliptec module {address:X1}: {message} [{Format(bytes)}]";
}

/// <summary>The module did not answer within the reply timeout, after every retry.</summary>
public sealed class ElliptecTimeoutException(int address, string message, ReadOnlyMemory<byte> commandSent, Exception? inner = null)
    : ElliptecException(address, message, commandSent, inner);

/// <summary>A reply that is not a well-formed packet of the kind expected (garbled, wrong address, wrong header).</summary>
public sealed class ElliptecProtocolException(int address, string message, ReadOnlyMemory<byte> replyReceived)
    : ElliptecException(address, message, replyReceived);

/// <summary>The module answered with a <c>GS</c> status that is an error.</summary>
public sealed class ElliptecStatusException(int address, ElliptecStatus status, ReadOnlyMemory<byte> replyReceived)
    : ElliptecException(address, $"reported status 0x{(byte)status:X2} ({status})", replyReceived)
{
    /// <summary>The status the module reported.</summary>
    public ElliptecStatus Status { get; } = status;
}
