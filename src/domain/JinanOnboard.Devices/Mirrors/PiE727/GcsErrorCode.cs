namespace JinanOnboard.Devices.Mirrors.PiE727;

/// <summary>
/// Controller error codes a GCS 2.0 controller reports in answer to <c>ERR?</c> (PI GCS 2.0 commands manual PZ233E,
/// "Error Codes"; the same numbering as PI's published <c>PIControllerErrors.h</c>, names from the PI_CNTR_* symbols).
/// Codes not listed here still reach the caller as their number (<see cref="GcsErrorException.Code"/> cast from it).
/// </summary>
public enum GcsErrorCode
{
    /// <summary>0: no error.</summary>
    NoError = 0,

    /// <summary>1 (PI_CNTR_PARAM_SYNTAX): parameter syntax error.</summary>
    ParameterSyntax = 1,

    /// <summary>2 (PI_CNTR_UNKNOWN_COMMAND): unknown command.</summary>
    UnknownCommand = 2,

    /// <summary>3 (PI_CNTR_COMMAND_TOO_LONG): command length out of limits or command buffer overrun.</summary>
    CommandTooLong = 3,

    /// <summary>5 (PI_CNTR_MOVE_WITHOUT_REF_OR_NO_SERVO): move attempted on an unreferenced axis or with servo off.</summary>
    MoveWithoutReferenceOrServoOff = 5,

    /// <summary>7 (PI_CNTR_POS_OUT_OF_LIMITS): position out of limits.</summary>
    PositionOutOfLimits = 7,

    /// <summary>8 (PI_CNTR_VEL_OUT_OF_LIMITS): velocity out of limits.</summary>
    VelocityOutOfLimits = 8,

    /// <summary>10 (PI_CNTR_STOP): controller was stopped by command (STP or #24).</summary>
    ControllerStopped = 10,

    /// <summary>15 (PI_CNTR_INVALID_AXIS_IDENTIFIER): invalid axis identifier.</summary>
    InvalidAxisIdentifier = 15,

    /// <summary>17 (PI_CNTR_PARAM_OUT_OF_RANGE): parameter out of range.</summary>
    ParameterOutOfRange = 17,

    /// <summary>22 (PI_CNTR_DOUBLE_AXIS): axis identifier specified more than once.</summary>
    AxisSpecifiedTwice = 22,

    /// <summary>23 (PI_CNTR_ILLEGAL_AXIS): illegal axis.</summary>
    IllegalAxis = 23,

    /// <summary>24 (PI_CNTR_PARAM_NR): incorrect number of parameters.</summary>
    IncorrectParameterCount = 24,

    /// <summary>25 (PI_CNTR_INVALID_REAL_NR): invalid floating point number.</summary>
    InvalidFloatingPointNumber = 25,

    /// <summary>26 (PI_CNTR_MISSING_PARAM): parameter missing.</summary>
    ParameterMissing = 26,

    /// <summary>60 (PI_CNTR_PARAM_PROTECTION): protected parameter, command level (CCL) too low.</summary>
    ParameterProtected = 60,

    /// <summary>72 (PI_CNTR_ANALOG_TARGET_ACTIVE): motion commands not allowed while the analog target is active.</summary>
    AnalogTargetActive = 72,

    /// <summary>73 (PI_CNTR_WAVE_GENERATOR_ACTIVE): motion commands not allowed while the wave generator is active.</summary>
    WaveGeneratorActive = 73,

    /// <summary>76 (PI_CNTR_IF_BUFFER_OVERRUN): interface buffer overran, a command was not received correctly.</summary>
    InterfaceBufferOverrun = 76,
}
