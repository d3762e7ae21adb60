namespace JinanOnboard.Devices.Simulated.Mirrors;

/// <summary>
/// The simulated analog mirror bench: the board between the DAC, the mirror and the ADC, and the mirror itself.
/// Published figures cite the Newport FSM-300 / FSM-CD300B user's manual, section 3.1 "Typical Specifications";
/// the rest is assumed (README of Devices/Mirrors/AnalogFsm, "Calibration").
/// </summary>
public sealed record AnalogFsmBenchOptions
{
    /// <summary>VREF on both AD5328 reference pins, volts. Assumed (a 2.5 V reference on the board).</summary>
    public double DacReferenceVolts { get; init; } = 2.5;

    /// <summary>AD5328 supply, volts. Assumed.</summary>
    public double DacSupplyVolts { get; init; } = 5.0;

    /// <summary>Driver amplifier: Vmirror = gain x (Vdac - offset). Assumed board design mapping 0..5 V to +-10 V.</summary>
    public double AmplifierGain { get; init; } = 4.0;

    /// <summary>Driver amplifier offset (the level the DAC output is referred to), volts. Assumed.</summary>
    public double AmplifierOffsetVolts { get; init; } = 2.5;

    /// <summary>Mirror tilt per command volt, microradians: +-10 V gives +-26.2 mrad mechanical (FSM-300 manual, 3.1).</summary>
    public double MirrorMicroradiansPerVolt { get; init; } = 2620.0;

    /// <summary>Tilt at 0 V command, microradians (a mounting offset). Assumed 0.</summary>
    public double MirrorOffsetMicroradians { get; init; }

    /// <summary>Closed-loop natural frequency, Hz: the FSM-300's -3 dB bandwidth is >= 800 Hz (manual, 3.1). Assumed equal.</summary>
    public double NaturalFrequencyHz { get; init; } = 800.0;

    /// <summary>Damping ratio. Assumed; 0.6 keeps the resonance peak well under the manual's 3 dB.</summary>
    public double DampingRatio { get; init; } = 0.6;

    /// <summary>Position output scale, volts per microradian of tilt. Assumed the same as the command scale (1/2620).</summary>
    public double SensorVoltsPerMicroradian { get; init; } = 1.0 / 2620.0;

    /// <summary>Divider from the +-10 V position outputs to the ADC inputs. Assumed 1/5 (+-2 V around mid-rail).</summary>
    public double SenseAttenuation { get; init; } = 0.2;

    /// <summary>Mid-rail level on AIN3 that AIN0 (x) and AIN1 (y) are referred to, volts. Assumed.</summary>
    public double SenseMidRailVolts { get; init; } = 2.5;
}
