using System.Device.Gpio;
using JinanOnboard.Devices.Simulated.Tdc7200;
using JinanOnboard.Devices.Tdc7200;

namespace JinanOnboard.Devices.Tests.Tdc7200;

/// <summary>The real TDC7200 binding on the simulated chip: SPI device and INTB through a real GpioController.</summary>
internal sealed class TdcBench : IDisposable
{
    public static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(10);

    public TdcBench(SimulatedTdc7200Options? options = null)
    {
        Simulator = new SimulatedTdc7200(options);
        Gpio = new GpioController(Simulator.InterruptLine);
        Device = new Tdc7200Device(Simulator, Gpio, Simulator.Options.IntbPin, Simulator.Options.ClockFrequencyHz, "TDC7200 (simulated)");
    }

    public SimulatedTdc7200 Simulator { get; }

    public GpioController Gpio { get; }

    public Tdc7200Device Device { get; }

    /// <summary>One ring-oscillator LSB of the simulated chip, seconds.</summary>
    public double LsbSeconds => Simulator.Options.RingOscillatorLsbSeconds;

    public void Dispose() => Device.Dispose();
}
