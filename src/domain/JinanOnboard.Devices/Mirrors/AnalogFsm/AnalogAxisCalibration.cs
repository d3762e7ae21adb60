using Iot.Device.Ads1115;

namespace JinanOnboard.Devices.Mirrors.AnalogFsm;

/// <summary>
/// One mirror axis: which DAC channel drives it and which ADC input reads it back, and the two straight lines
/// between volts and microradians of mechanical tilt.
/// </summary>
/// <param name="DacChannel">AD5328 channel, 0 = A.</param>
/// <param name="AdcInput">ADS1115 multiplexer setting that reads this axis's position output.</param>
/// <param name="CommandMicroradiansPerVolt">Tilt per volt at the mirror's command input (FSM-300: 2620, manual 3.1).</param>
/// <param name="CommandOffsetMicroradians">Tilt at 0 V command.</param>
/// <param name="SenseMicroradiansPerVolt">Tilt per volt at the ADC input (position scale over the divider).</param>
/// <param name="SenseOffsetMicroradians">Tilt read at 0 V on the ADC input.</param>
public sealed record AnalogAxisCalibration(
    int DacChannel,
    InputMultiplexer AdcInput,
    double CommandMicroradiansPerVolt,
    double CommandOffsetMicroradians,
    double SenseMicroradiansPerVolt,
    double SenseOffsetMicroradians);
