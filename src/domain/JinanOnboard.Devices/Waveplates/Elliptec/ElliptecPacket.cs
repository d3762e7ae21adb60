using System.Globalization;

namespace JinanOnboard.Devices.Waveplates.Elliptec;

/// <summary>
/// Host-to-module packets of the ELLx serial protocol (Thorlabs "ELLx modules protocol manual", section "Protocol
/// details"): one ASCII hex digit of address (0-F), a two-letter lower-case mnemonic, then the command's data as
/// ASCII; no terminator. Positions travel as eight upper-case hex digits, a 32-bit two's complement pulse count.
/// </summary>
public static class ElliptecPacket
{
    /// <summary><c>in</c>: get information; answered by <c>IN</c>.</summary>
    public const string GetInformation = "in";

    /// <summary><c>gs</c>: get status; answered by <c>GS</c>.</summary>
    public const string GetStatus = "gs";

    /// <summary><c>gp</c>: get position; answered by <c>PO</c>.</summary>
    public const string GetPosition = "gp";

    /// <summary><c>ho</c>: home; one data digit, for rotary modules 0 = clockwise, 1 = counter-clockwise; answered by <c>PO</c> when stopped.</summary>
    public const string Home = "ho";

    /// <summary><c>ma</c>: move absolute; eight hex digits of pulses; answered by <c>PO</c> when stopped.</summary>
    public const string MoveAbsolute = "ma";

    /// <summary>Highest bus address (the address is one hex digit).</summary>
    public const int MaxAddress = 0xF;

    /// <summary>Builds <c>{address}{mnemonic}{data}</c> as ASCII bytes.</summary>
    public static byte[] Build(int address, string mnemonic, string data = "")
    {
        ValidateAddress(address);
        if (mnemonic is not { Length: 2 })
        {
            throw new ArgumentException($"an Elliptec mnemonic is two letters, not '{mnemonic}'", nameof(mnemonic));
        }

        var packet = new byte[3 + data.Length];
        packet[0] = (byte)AddressDigit(address);
        packet[1] = (byte)mnemonic[0];
        packet[2] = (byte)mnemonic[1];
        for (int i = 0; i < data.Length; i++)
        {
            packet[3 + i] = checked((byte)data[i]);
        }

        return packet;
    }

    /// <summary>A pulse count as the protocol's eight upper-case hex digits (two's complement for negative counts).</summary>
    public static string EncodePulses(int pulses) => unchecked((uint)pulses).ToString("X8", CultureInfo.InvariantCulture);

    /// <summary>The address as its hex digit, <c>0</c>-<c>F</c>.</summary>
    public static char AddressDigit(int address)
    {
        ValidateAddress(address);
        return "0123456789ABCDEF"[address];
    }

    /// <summary>Refuses an address outside 0-15.</summary>
    public static void ValidateAddress(int address)
    {
        if (address is < 0 or > MaxAddress)
        {
            throw new ArgumentOutOfRangeException(nameof(address), address, "an Elliptec bus address is 0-15 (one hex digit)");
        }
    }
}
