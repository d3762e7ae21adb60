using System.Globalization;

namespace JinanOnboard.Devices.Waveplates.Elliptec;

/// <summary>
/// The data of an <c>IN</c> reply (ELLx modules protocol manual, "in — get information"), 30 characters:
/// module type (2 hex), serial number (8), year (4), firmware release (2 hex), hardware release (2 hex: bit 7 set for
/// an imperial thread, bits 6-0 the release), travel (4 hex: degrees for a rotary module, mm for a linear one) and
/// pulses per measurement unit (8 hex: per revolution for a rotary module).
/// </summary>
public sealed record ElliptecDeviceInfo(
    int Address,
    int ModuleType,
    string SerialNumber,
    int Year,
    int FirmwareRelease,
    bool ImperialThread,
    int HardwareRelease,
    int Travel,
    long PulsesPerUnit)
{
    /// <summary>Characters of an <c>IN</c> reply's data.</summary>
    public const int DataLength = 30;

    /// <summary>The module type an ELL14 rotation mount reports (0x0E = 14).</summary>
    public const int Ell14ModuleType = 0x0E;

    /// <summary>Parses an <c>IN</c> reply, or throws <see cref="ElliptecProtocolException"/> naming the bytes.</summary>
    public static ElliptecDeviceInfo Parse(ElliptecReply reply)
    {
        if (reply.Header != ElliptecReply.Information || reply.Data.Length != DataLength)
        {
            throw new ElliptecProtocolException(reply.Address, "expected an IN information reply", reply.Raw);
        }

        string d = reply.Data;
        if (!int.TryParse(d.AsSpan(10, 4), NumberStyles.None, CultureInfo.InvariantCulture, out int year))
        {
            throw new ElliptecProtocolException(reply.Address, "IN reply's year is not four decimal digits", reply.Raw);
        }

        int hardware = Hex(d, 16, 2);
        return new ElliptecDeviceInfo(
            reply.Address,
            ModuleType: Hex(d, 0, 2),
            SerialNumber: d.Substring(2, 8),
            Year: year,
            FirmwareRelease: Hex(d, 14, 2),
            ImperialThread: (hardware & 0x80) != 0,
            HardwareRelease: hardware & 0x7F,
            Travel: Hex(d, 18, 4),
            PulsesPerUnit: long.Parse(d.AsSpan(22, 8), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture));
    }

    /// <summary>One line for logs: <c>Thorlabs ELL14 s/n 11400001 fw 0x17 at address 2</c>.</summary>
    public override string ToString()
        => $"Thorlabs ELL{ModuleType} s/n {SerialNumber} fw 0x{FirmwareRelease:X2} at address {Address:X1}";

    private static int Hex(string s, int start, int length)
        => int.Parse(s.AsSpan(start, length), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
}
