using System.Device.Gpio;
using System.Device.I2c;
using System.Device.Spi;
using System.Net.Sockets;
using Iot.Device.Board;
using Iot.Device.Ft232H;
using Iot.Device.Ft4222;
using JinanOnboard.Devices.Serial;

namespace JinanOnboard.Devices.Profiles;

/// <summary>
/// Opens the real buses a profile entry names: the host's kernel devices (<see cref="SpiDevice.Create"/>,
/// <see cref="I2cDevice.Create"/>, <see cref="GpioController"/>), a serial line (<see cref="SerialLine"/>), a <see cref="TcpClient"/>,
/// or an FTDI FT4222H / FT232H USB adapter through Iot.Device.Bindings (<see cref="Ft4222Device"/>,
/// <see cref="Ft232HDevice"/>: both are a <see cref="Board"/> that creates SPI, I2C and GPIO). Refuses simulated entries.
/// </summary>
public sealed class HardwareBusFactory : IDeviceBusFactory
{
    /// <summary>SPI mode of both chips: AD5328 samples on the falling SCLK edge (mode 1, datasheet timing); TDC7200 mode 0 (SNAS647D 8.5.1).</summary>
    private static SpiMode ModeOf(DeviceKind kind) => kind == DeviceKind.AnalogFsm ? SpiMode.Mode1 : SpiMode.Mode0;

    /// <inheritdoc />
    public async ValueTask<DeviceBuses> OpenAsync(DeviceEntry entry, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        if (entry.Simulated)
        {
            throw new DeviceBusException($"{entry.Id}: simulated, the hardware factory opens real buses only");
        }

        var adapters = new List<Board>();
        try
        {
            return entry.Kind switch
            {
                DeviceKind.AnalogFsm => OpenAnalogFsm(entry, adapters),
                DeviceKind.Tdc7200 => OpenTdc(entry, adapters),
                _ => await OpenStreamAsync(entry, timeout, cancellationToken).ConfigureAwait(false),
            };
        }
        catch (DllNotFoundException error)
        {
            DisposeAll(adapters);
            throw new DeviceBusException($"cannot open {entry.AddressText}: the FTDI D2XX driver (libftd2xx) is not installed, which Iot.Device.Bindings' FT4222/FT232H support needs", error);
        }
        catch (Exception error) when (error is not DeviceBusException and not OperationCanceledException)
        {
            DisposeAll(adapters);
            throw new DeviceBusException($"cannot open {entry.AddressText}: {OneLine(error)}", error);
        }
    }

    private static DeviceBuses OpenAnalogFsm(DeviceEntry entry, List<Board> adapters)
    {
        SpiDevice spi = CreateSpi(entry.Spi!, entry.Settings.SpiClockHz, ModeOf(entry.Kind), adapters);
        I2cDevice i2c = CreateI2c(entry.I2c!, entry.Settings.AdcI2cAddress, adapters);
        var buses = new DeviceBuses { Spi = spi, I2c = i2c };
        buses.Own(spi);
        buses.Own(i2c);
        adapters.ForEach(a => buses.Own(a));
        return buses;
    }

    private static DeviceBuses OpenTdc(DeviceEntry entry, List<Board> adapters)
    {
        SpiDevice spi = CreateSpi(entry.Spi!, entry.Settings.SpiClockHz, ModeOf(entry.Kind), adapters);
        GpioAddress intb = entry.Gpio!;
        GpioController gpio = intb.Adapter == BusAdapter.Native ? new GpioController() : Adapter(intb.Adapter, intb.AdapterIndex, adapters).CreateGpioController();
        var buses = new DeviceBuses { Spi = spi, Gpio = gpio, InterruptPin = intb.Pin };
        buses.Own(spi);
        buses.Own(gpio);
        adapters.ForEach(a => buses.Own(a));
        return buses;
    }

    private static async ValueTask<DeviceBuses> OpenStreamAsync(DeviceEntry entry, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (entry.Tcp is TcpAddress tcp)
        {
            var client = new TcpClient { NoDelay = true };
            try
            {
                using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                deadline.CancelAfter(timeout);
                await client.ConnectAsync(tcp.Host, tcp.Port, deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                client.Dispose();
                throw new DeviceBusException($"{tcp}: no connection within {timeout.TotalMilliseconds:0} ms");
            }
            catch (SocketException error)
            {
                client.Dispose();
                throw new DeviceBusException($"{tcp}: {error.Message}", error);
            }

            var buses = new DeviceBuses { Stream = client.GetStream() };
            buses.Own(client);
            return buses;
        }

        SerialAddress serial = entry.Serial!;
        if (serial.PortName.StartsWith('/') && !File.Exists(serial.PortName))
        {
            throw new DeviceBusException($"{serial}: no such serial port (adapter unplugged, or a pty that is gone)");
        }

        OpenSerialLine line;
        try
        {
            line = SerialLine.Open(serial.PortName, entry.Settings.BaudRateFor(entry.Kind));
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new DeviceBusException($"{serial}: {OneLine(error)}", error);
        }

        var serialBuses = new DeviceBuses { Stream = line.Stream };
        serialBuses.Own(line.Owner);
        return serialBuses;
    }

    private static SpiDevice CreateSpi(SpiAddress address, int clockHz, SpiMode mode, List<Board> adapters)
    {
        var settings = new SpiConnectionSettings(address.BusId, address.ChipSelect) { ClockFrequency = clockHz, Mode = mode };
        if (address.Adapter == BusAdapter.Native)
        {
            if (!File.Exists(address.ToString()))
            {
                throw new DeviceBusException($"{address}: no such SPI device (enable SPI: dtparam=spi=on)");
            }

            return SpiDevice.Create(settings);
        }

        return Adapter(address.Adapter, address.AdapterIndex, adapters).CreateSpiDevice(settings);
    }

    private static I2cDevice CreateI2c(I2cAddress address, int deviceAddress, List<Board> adapters)
    {
        if (address.Adapter == BusAdapter.Native)
        {
            if (!File.Exists(address.ToString()))
            {
                throw new DeviceBusException($"{address}: no such I2C bus (enable I2C: dtparam=i2c_arm=on)");
            }

            return I2cDevice.Create(new I2cConnectionSettings(address.BusId, deviceAddress));
        }

        return Adapter(address.Adapter, address.AdapterIndex, adapters).CreateI2cDevice(new I2cConnectionSettings(0, deviceAddress));
    }

    /// <summary>The N-th FT4222H or FT232H in enumeration order; one instance per adapter per entry.</summary>
    private static Board Adapter(BusAdapter kind, int index, List<Board> opened)
    {
        Board? already = opened.FirstOrDefault(b => kind == BusAdapter.Ft4222 ? b is Ft4222Device : b is Ft232HDevice);
        if (already is not null)
        {
            return already;
        }

        IReadOnlyList<Board> found = kind == BusAdapter.Ft4222 ? Ft4222Device.GetFt4222() : Ft232HDevice.GetFt232H();
        if (index >= found.Count)
        {
            foreach (Board unused in found)
            {
                unused.Dispose();
            }

            throw new DeviceBusException($"{(kind == BusAdapter.Ft4222 ? "ft4222" : "ft232h")}:{index}: no such USB adapter ({found.Count} found)");
        }

        for (int i = 0; i < found.Count; i++)
        {
            if (i != index)
            {
                found[i].Dispose();
            }
        }

        opened.Add(found[index]);
        return found[index];
    }

    private static void DisposeAll(List<Board> adapters)
    {
        foreach (Board adapter in adapters)
        {
            adapter.Dispose();
        }
    }

    internal static string OneLine(Exception error) => error.Message.Split('\n')[0].Trim();
}
