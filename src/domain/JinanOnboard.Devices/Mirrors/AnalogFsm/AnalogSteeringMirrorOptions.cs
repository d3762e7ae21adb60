using Iot.Device.Ads1115;

namespace JinanOnboard.Devices.Mirrors.AnalogFsm;

/// <summary>
/// The analog chain of a mirror such as the Newport FSM-300 driven through an AD5328 and read through an ADS1115, and
/// the driver's limits. Defaults: FSM-300 figures from its user's manual (FSM-CD300B, section 3.1 "Typical
/// Specifications": +-10 V input gives +-26.2 mrad mechanical); the board values (reference, amplifier, divider),
/// the slew step and the retry counts are assumed (README, "Calibration").
/// </summary>
public sealed record AnalogSteeringMirrorOptions
{
    /// <summary>VREF on the AD5328's reference pins, volts. Assumed.</summary>
    public double DacReferenceVolts { get; init; } = 2.5;

    /// <summary>AD5328 GAIN bit: output range 0..2 VREF instead of 0..VREF. Assumed on (0..5 V from a 5 V supply).</summary>
    public bool DacGainDoubled { get; init; } = true;

    /// <summary>Driver amplifier between DAC and mirror: Vmirror = gain x (Vdac - offset). Assumed.</summary>
    public double AmplifierGain { get; init; } = 4.0;

    /// <summary>Amplifier offset the unipolar DAC output is referred to, volts (mid-scale gives 0 V). Assumed.</summary>
    public double AmplifierOffsetVolts { get; init; } = 2.5;

    /// <summary>Mechanical range the mirror may be commanded to, half-width, microradians (FSM-300: 26.2 mrad, manual 3.1).</summary>
    public double MechanicalHalfRangeMicroradians { get; init; } = 26_200;

    /// <summary>X axis: DAC A, ADC AIN0 against AIN3; 2620 urad/V command (manual 3.1), 13100 urad/V sensed over a 1/5 divider (assumed).</summary>
    public AnalogAxisCalibration X { get; init; } = new(0, InputMultiplexer.AIN0_AIN3, 2620, 0, 13_100, 0);

    /// <summary>Y axis: DAC B, ADC AIN1 against AIN3; same scales as X.</summary>
    public AnalogAxisCalibration Y { get; init; } = new(1, InputMultiplexer.AIN1_AIN3, 2620, 0, 13_100, 0);

    /// <summary>ADS1115 full-scale range for the read-back: +-2.048 V holds the +-2 V of the divided position outputs.</summary>
    public MeasuringRange AdcRange { get; init; } = MeasuringRange.FS2048;

    /// <summary>ADS1115 data rate: 860 SPS, one read-back (two conversions) in about 2.3 ms.</summary>
    public DataRate AdcDataRate { get; init; } = DataRate.SPS860;

    /// <summary>Slew limit: largest change of either axis in one DAC update, microradians. Assumed.</summary>
    public double MaxStepMicroradians { get; init; } = 500;

    /// <summary>Pause between the updates of a slew-limited move (zero: back to back, the move completes synchronously).</summary>
    public TimeSpan StepInterval { get; init; } = TimeSpan.Zero;

    /// <summary>Read-back retries after an I2C failure or a conversion that never completes. Assumed.</summary>
    public int ReadRetryAttempts { get; init; } = 2;

    /// <summary>Pause before each read-back retry. Assumed.</summary>
    public TimeSpan ReadRetryDelay { get; init; } = TimeSpan.FromMilliseconds(1);

    /// <summary>Full-scale DAC output, volts (VREF, doubled by GAIN).</summary>
    public double DacFullScaleVolts => DacReferenceVolts * (DacGainDoubled ? 2.0 : 1.0);

    /// <summary>Refuses settings the chain cannot work with, in one line.</summary>
    public void Validate()
    {
        if (!(DacReferenceVolts > 0) || !(AmplifierGain != 0) || !(MechanicalHalfRangeMicroradians > 0) || !(MaxStepMicroradians > 0)
            || X.CommandMicroradiansPerVolt == 0 || Y.CommandMicroradiansPerVolt == 0 || X.DacChannel == Y.DacChannel
            || X.DacChannel is < 0 or > 7 || Y.DacChannel is < 0 or > 7 || ReadRetryAttempts < 0 || StepInterval < TimeSpan.Zero)
        {
            throw new ArgumentException(
                $"analog mirror options are inconsistent: VREF {DacReferenceVolts} V, amplifier gain {AmplifierGain}, range {MechanicalHalfRangeMicroradians} urad, "
                + $"step {MaxStepMicroradians} urad, DAC channels {X.DacChannel}/{Y.DacChannel}, retries {ReadRetryAttempts}");
        }
    }
}
