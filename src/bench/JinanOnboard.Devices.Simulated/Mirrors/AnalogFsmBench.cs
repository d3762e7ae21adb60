using JinanOnboard.Devices.Simulated.Buses;

namespace JinanOnboard.Devices.Simulated.Mirrors;

/// <summary>
/// An analog fast steering mirror on the bench, wired as the driver's README shows: AD5328 channel A (x) and B (y)
/// through the driver amplifier into the mirror's command inputs; the mirror's x and y position outputs through a
/// divider onto ADS1115 AIN0 and AIN1, both referred to the mid-rail level on AIN3. Hand <see cref="Dac"/> and
/// <see cref="Adc"/> to the driver as its SPI and I2C devices.
/// </summary>
public sealed class AnalogFsmBench : IAnalogInputs
{
    private readonly object gate = new();
    private readonly AnalogFsmBenchOptions options;
    private readonly TimeProvider timeProvider;
    private readonly SecondOrderAxis x;
    private readonly SecondOrderAxis y;
    private long lastTimestamp;

    /// <summary>Builds the bench; time runs on <paramref name="timeProvider"/> (the system clock by default).</summary>
    public AnalogFsmBench(AnalogFsmBenchOptions? options = null, TimeProvider? timeProvider = null)
    {
        this.options = options ?? new AnalogFsmBenchOptions();
        this.timeProvider = timeProvider ?? TimeProvider.System;
        x = new SecondOrderAxis(this.options.NaturalFrequencyHz, this.options.DampingRatio);
        y = new SecondOrderAxis(this.options.NaturalFrequencyHz, this.options.DampingRatio);
        Dac = new SimulatedAd5328(this.options.DacReferenceVolts, this.options.DacReferenceVolts, this.options.DacSupplyVolts);
        Adc = new SimulatedAds1115(this, this.timeProvider);
        lastTimestamp = this.timeProvider.GetTimestamp();
        Dac.OutputsChanging += () => AdvanceTo(this.timeProvider.GetTimestamp());
    }

    /// <summary>The DAC on the SPI bus.</summary>
    public SimulatedAd5328 Dac { get; }

    /// <summary>The ADC on the I2C bus.</summary>
    public SimulatedAds1115 Adc { get; }

    /// <summary>The mirror's true tilt now, microradians (what an autocollimator would see).</summary>
    public (double XMicroradians, double YMicroradians) TiltNow()
    {
        lock (gate)
        {
            AdvanceTo(timeProvider.GetTimestamp());
            return (x.AngleMicroradians, y.AngleMicroradians);
        }
    }

    /// <summary>Volts at the mirror's command input of an axis (0 = x on DAC A, 1 = y on DAC B).</summary>
    public double CommandVolts(int axis) => options.AmplifierGain * (Dac.OutputVolts(axis) - options.AmplifierOffsetVolts);

    /// <inheritdoc />
    public double VoltsAt(int pin, long timestamp)
    {
        lock (gate)
        {
            AdvanceTo(timestamp);
            double tilt = pin switch
            {
                0 => x.AngleMicroradians,
                1 => y.AngleMicroradians,
                _ => 0.0,
            };
            return pin is 0 or 1
                ? options.SenseMidRailVolts + options.SenseAttenuation * tilt * options.SensorVoltsPerMicroradian
                : pin == 3 ? options.SenseMidRailVolts : 0.0;
        }
    }

    private void AdvanceTo(long timestamp)
    {
        lock (gate)
        {
            if (timestamp <= lastTimestamp)
            {
                return;
            }

            double seconds = (double)(timestamp - lastTimestamp) / timeProvider.TimestampFrequency;
            x.Advance(seconds, options.MirrorOffsetMicroradians + options.MirrorMicroradiansPerVolt * CommandVolts(0));
            y.Advance(seconds, options.MirrorOffsetMicroradians + options.MirrorMicroradiansPerVolt * CommandVolts(1));
            lastTimestamp = timestamp;
        }
    }
}
