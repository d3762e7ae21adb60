using System.Device.Gpio;
using JinanOnboard.Devices.Profiles;
using JinanOnboard.Devices.Simulated.Elliptec;
using JinanOnboard.Devices.Simulated.Mirrors;
using JinanOnboard.Devices.Simulated.PiE727;
using JinanOnboard.Devices.Simulated.Tdc7200;

namespace JinanOnboard.Cli.Devices;

/// <summary>
/// The bench's realisation of a profile's <c>"simulated": true</c> entries, in this process: the analog FSM's simulated
/// AD5328 (SPI) and ADS1115 (I2C) on a mirror plant; the TDC7200 as an SpiDevice with INTB through a real
/// GpioController; the E-727 and an ELL14 served over a loopback socket by their simulators. Real entries go to
/// <see cref="HardwareBusFactory"/>, so one profile can mix both.
/// </summary>
internal sealed class SimulatedBusFactory : IDeviceBusFactory
{
    private readonly HardwareBusFactory hardware = new();

    /// <summary>
    /// The serial number a simulated ELL14 reports: 114000 then its bus address as two digits, so the probe table shows
    /// which module answered (the ELL14 simulator's own default is 11400000).
    /// </summary>
    public static string Ell14SerialNumber(int address) => $"114000{address:D2}";

    public async ValueTask<DeviceBuses> OpenAsync(DeviceEntry entry, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        if (!entry.Simulated)
        {
            return await hardware.OpenAsync(entry, timeout, cancellationToken);
        }

        switch (entry.Kind)
        {
            case DeviceKind.AnalogFsm:
            {
                var bench = new AnalogFsmBench();
                return new DeviceBuses { Spi = bench.Dac, I2c = bench.Adc };
            }

            case DeviceKind.Tdc7200:
            {
                var chip = new SimulatedTdc7200();
                var buses = new DeviceBuses { Spi = chip, Gpio = new GpioController(chip.InterruptLine), InterruptPin = chip.Options.IntbPin };
                buses.Own(chip);
                buses.Own(buses.Gpio);
                return buses;
            }

            case DeviceKind.PiE727:
                return await ServeAsync((device, power) => SimulatedE727Session.RunAsync(new SimulatedE727(), device, power), cancellationToken);

            default:
                return await ServeAsync((device, power) =>
                {
                    var bus = new SimulatedElliptecBus(device);
                    bus.AddEll14(entry.Settings.ElliptecAddress, Ell14SerialNumber(entry.Settings.ElliptecAddress));
                    return bus.RunAsync(power);
                }, cancellationToken);
        }
    }

    /// <summary>Connects a loopback pair and runs <paramref name="serve"/> on the device end until the buses are disposed.</summary>
    private static async Task<DeviceBuses> ServeAsync(Func<Stream, CancellationToken, Task> serve, CancellationToken cancellationToken)
    {
        (Stream host, Stream device) = await LoopbackStreamPair.CreateAsync(cancellationToken);
        var power = new CancellationTokenSource();
        Task run = Task.Run(() => serve(device, power.Token), CancellationToken.None);
        var buses = new DeviceBuses { Stream = host };
        buses.Own(new SimulatorSession(power, run, device));
        buses.Own(host);
        return buses;
    }

    /// <summary>Stops a simulator when the probe is done with it: cancel, close its end, wait for it to return.</summary>
    private sealed class SimulatorSession(CancellationTokenSource power, Task run, Stream device) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await power.CancelAsync();
            await device.DisposeAsync();
            try
            {
                await run.WaitAsync(TimeSpan.FromSeconds(5));
            }
            catch (Exception error) when (error is OperationCanceledException or IOException or ObjectDisposedException or TimeoutException)
            {
                // The simulator ends on the cancelled or closed stream either way.
            }

            power.Dispose();
        }
    }
}
