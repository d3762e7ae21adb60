using System.Globalization;
using System.Text.RegularExpressions;

namespace JinanOnboard.Devices.Profiles;

/// <summary>Where a bus comes from: the host's own kernel drivers, or an FTDI USB adapter through Iot.Device.Bindings.</summary>
public enum BusAdapter
{
    /// <summary>The host's kernel devices (<c>/dev/spidev*</c>, <c>/dev/i2c-*</c>, GPIO character device) on a Raspberry Pi.</summary>
    Native,

    /// <summary>An FTDI FT4222H (SPI master, I2C master, 4 GPIO) through <c>Iot.Device.Ft4222.Ft4222Device</c>.</summary>
    Ft4222,

    /// <summary>An FTDI FT232H (MPSSE: SPI, I2C, GPIO) through <c>Iot.Device.Ft232H.Ft232HDevice</c>.</summary>
    Ft232H,
}

/// <summary>An SPI device: <c>/dev/spidevB.C</c>, or <c>ft4222:N/csC</c> / <c>ft232h:N/csC</c> (adapter N in enumeration order, chip select C).</summary>
public sealed partial record SpiAddress(BusAdapter Adapter, int AdapterIndex, int BusId, int ChipSelect)
{
    /// <summary>The formats accepted, for error messages.</summary>
    public const string Formats = "/dev/spidevB.C, ft4222:N/csC or ft232h:N/csC";

    /// <summary>Parses one of <see cref="Formats"/>, or returns null.</summary>
    public static SpiAddress? TryParse(string text)
    {
        Match native = NativePattern().Match(text);
        if (native.Success)
        {
            return new SpiAddress(BusAdapter.Native, 0, Int(native.Groups[1]), Int(native.Groups[2]));
        }

        Match adapter = AdapterPattern().Match(text);
        return adapter.Success ? new SpiAddress(AdapterOf(adapter.Groups[1].Value), Int(adapter.Groups[2]), 0, Int(adapter.Groups[3])) : null;
    }

    /// <inheritdoc />
    public override string ToString() => Adapter == BusAdapter.Native
        ? $"/dev/spidev{BusId}.{ChipSelect}"
        : $"{AdapterName(Adapter)}:{AdapterIndex}/cs{ChipSelect}";

    internal static int Int(Group group) => int.Parse(group.Value, NumberStyles.None, CultureInfo.InvariantCulture);

    internal static BusAdapter AdapterOf(string name) => name == "ft4222" ? BusAdapter.Ft4222 : BusAdapter.Ft232H;

    internal static string AdapterName(BusAdapter adapter) => adapter == BusAdapter.Ft4222 ? "ft4222" : "ft232h";

    [GeneratedRegex(@"^/dev/spidev(\d{1,3})\.(\d{1,3})$")]
    private static partial Regex NativePattern();

    [GeneratedRegex(@"^(ft4222|ft232h):(\d{1,2})/cs(\d{1,2})$")]
    private static partial Regex AdapterPattern();
}

/// <summary>An I2C bus: <c>/dev/i2c-B</c>, or <c>ft4222:N</c> / <c>ft232h:N</c>.</summary>
public sealed partial record I2cAddress(BusAdapter Adapter, int AdapterIndex, int BusId)
{
    /// <summary>The formats accepted, for error messages.</summary>
    public const string Formats = "/dev/i2c-B, ft4222:N or ft232h:N";

    /// <summary>Parses one of <see cref="Formats"/>, or returns null.</summary>
    public static I2cAddress? TryParse(string text)
    {
        Match native = NativePattern().Match(text);
        if (native.Success)
        {
            return new I2cAddress(BusAdapter.Native, 0, SpiAddress.Int(native.Groups[1]));
        }

        Match adapter = AdapterPattern().Match(text);
        return adapter.Success ? new I2cAddress(SpiAddress.AdapterOf(adapter.Groups[1].Value), SpiAddress.Int(adapter.Groups[2]), 0) : null;
    }

    /// <inheritdoc />
    public override string ToString() => Adapter == BusAdapter.Native ? $"/dev/i2c-{BusId}" : $"{SpiAddress.AdapterName(Adapter)}:{AdapterIndex}";

    [GeneratedRegex(@"^/dev/i2c-(\d{1,3})$")]
    private static partial Regex NativePattern();

    [GeneratedRegex(@"^(ft4222|ft232h):(\d{1,2})$")]
    private static partial Regex AdapterPattern();
}

/// <summary>A GPIO pin: <c>gpio:P</c> (the host's controller, BCM numbering on a Raspberry Pi), or <c>ft4222:N/gpioP</c> / <c>ft232h:N/gpioP</c>.</summary>
public sealed partial record GpioAddress(BusAdapter Adapter, int AdapterIndex, int Pin)
{
    /// <summary>The formats accepted, for error messages.</summary>
    public const string Formats = "gpio:P, ft4222:N/gpioP or ft232h:N/gpioP";

    /// <summary>Parses one of <see cref="Formats"/>, or returns null.</summary>
    public static GpioAddress? TryParse(string text)
    {
        Match native = NativePattern().Match(text);
        if (native.Success)
        {
            return new GpioAddress(BusAdapter.Native, 0, SpiAddress.Int(native.Groups[1]));
        }

        Match adapter = AdapterPattern().Match(text);
        return adapter.Success ? new GpioAddress(SpiAddress.AdapterOf(adapter.Groups[1].Value), SpiAddress.Int(adapter.Groups[2]), SpiAddress.Int(adapter.Groups[3])) : null;
    }

    /// <inheritdoc />
    public override string ToString() => Adapter == BusAdapter.Native ? $"gpio:{Pin}" : $"{SpiAddress.AdapterName(Adapter)}:{AdapterIndex}/gpio{Pin}";

    [GeneratedRegex(@"^gpio:(\d{1,3})$")]
    private static partial Regex NativePattern();

    [GeneratedRegex(@"^(ft4222|ft232h):(\d{1,2})/gpio(\d{1,2})$")]
    private static partial Regex AdapterPattern();
}

/// <summary>A serial port by its absolute path (<c>/dev/ttyUSB0</c>, <c>/dev/serial/by-id/…</c>, a socat pty link) or Windows name (<c>COM3</c>).</summary>
public sealed partial record SerialAddress(string PortName)
{
    /// <summary>The formats accepted, for error messages.</summary>
    public const string Formats = "an absolute device path (/dev/ttyUSB0, a socat link) or COMn";

    /// <summary>Parses one of <see cref="Formats"/>, or returns null.</summary>
    public static SerialAddress? TryParse(string text) => Pattern().IsMatch(text) ? new SerialAddress(text) : null;

    /// <inheritdoc />
    public override string ToString() => PortName;

    [GeneratedRegex(@"^(/[A-Za-z0-9_.:/+-]+|COM\d{1,3})$")]
    private static partial Regex Pattern();
}

/// <summary>A TCP endpoint: <c>tcp://HOST:PORT</c> (the E-727's GCS port is 50000).</summary>
public sealed partial record TcpAddress(string Host, int Port)
{
    /// <summary>The formats accepted, for error messages.</summary>
    public const string Formats = "tcp://HOST:PORT";

    /// <summary>Parses <see cref="Formats"/> with a port 1-65535 (0 too with <paramref name="allowAnyPort"/>, for a listener), or returns null.</summary>
    public static TcpAddress? TryParse(string text, bool allowAnyPort = false)
    {
        Match match = Pattern().Match(text);
        if (!match.Success || !int.TryParse(match.Groups[2].Value, NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port < (allowAnyPort ? 0 : 1) || port > 65535)
        {
            return null;
        }

        return new TcpAddress(match.Groups[1].Value, port);
    }

    /// <inheritdoc />
    public override string ToString() => $"tcp://{Host}:{Port}";

    [GeneratedRegex(@"^tcp://([A-Za-z0-9.-]+|\[[0-9A-Fa-f:]+\]):(\d{1,5})$")]
    private static partial Regex Pattern();
}
