namespace JinanOnboard.Devices.TimeTagger;

/// <summary>Response status codes of the TDC (protocol-spec/tdc-wire.md section 3).</summary>
public enum TimeTaggerStatus : byte
{
    /// <summary>Command executed.</summary>
    Ok = 0x00,

    /// <summary>Opcode not defined.</summary>
    UnknownOpcode = 0x01,

    /// <summary>Payload length wrong for the opcode.</summary>
    BadLength = 0x02,

    /// <summary>The device saw a CRC mismatch on the command.</summary>
    BadCrc = 0x03,

    /// <summary>A field is out of range.</summary>
    InvalidArgument = 0x04,

    /// <summary>Not allowed while streaming.</summary>
    Busy = 0x05,

    /// <summary>Stop requested while not streaming.</summary>
    NotStreaming = 0x06,
}
