namespace JinanOnboard.Devices.Fsm;

/// <summary>Bits of the FSM controller's STATUS register.</summary>
[Flags]
public enum FsmStatus
{
    /// <summary>No bit set: not ready.</summary>
    None = 0,

    /// <summary>High-voltage amplifier up and the mirror settled.</summary>
    Ready = 0x01,

    /// <summary>X actuator at its travel limit.</summary>
    XSaturated = 0x02,

    /// <summary>Y actuator at its travel limit.</summary>
    YSaturated = 0x04,

    /// <summary>Amplifier over temperature; the controller has disabled the output.</summary>
    OverTemperature = 0x08,
}
