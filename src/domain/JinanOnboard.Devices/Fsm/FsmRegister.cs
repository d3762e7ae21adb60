namespace JinanOnboard.Devices.Fsm;

/// <summary>Register addresses of the FSM controller (README.md, register map).</summary>
internal enum FsmRegister : byte
{
    /// <summary>Identity, read-only, always <see cref="FastSteeringMirror.ExpectedWhoAmI"/>.</summary>
    WhoAmI = 0x00,

    /// <summary>Control: bit 0 ENABLE, bit 1 CLOSED_LOOP, bit 7 RESET (self-clearing).</summary>
    Control = 0x01,

    /// <summary>Status, read-only: bit 0 READY, bit 1 X_SATURATED, bit 2 Y_SATURATED, bit 3 OVER_TEMPERATURE.</summary>
    Status = 0x02,

    /// <summary>X (tip) set-point, int16 big-endian, 0.1 urad per LSB; 0x11 holds the low byte.</summary>
    XSetpoint = 0x10,

    /// <summary>Y (tilt) set-point, int16 big-endian, 0.1 urad per LSB.</summary>
    YSetpoint = 0x12,

    /// <summary>X position from the strain gauges, read-only, int16 big-endian, 0.1 urad per LSB.</summary>
    XPosition = 0x14,

    /// <summary>Y position from the strain gauges, read-only.</summary>
    YPosition = 0x16,
}

/// <summary>Bits of the CONTROL register.</summary>
[Flags]
internal enum FsmControl : byte
{
    None = 0,
    Enable = 0x01,
    ClosedLoop = 0x02,
    Reset = 0x80,
}
