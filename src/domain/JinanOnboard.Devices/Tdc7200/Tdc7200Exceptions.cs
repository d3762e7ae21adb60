namespace JinanOnboard.Devices.Tdc7200;

/// <summary>A TDC7200 did not do what was asked.</summary>
public class Tdc7200Exception : IOException
{
    /// <summary>Creates the exception.</summary>
    public Tdc7200Exception()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public Tdc7200Exception(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public Tdc7200Exception(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>INTB did not go low within the timeout after START_MEAS (no START, no clock, or the device is gone).</summary>
public sealed class Tdc7200TimeoutException : Tdc7200Exception
{
    /// <summary>Creates the exception.</summary>
    public Tdc7200TimeoutException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public Tdc7200TimeoutException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public Tdc7200TimeoutException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>The measurement ended in a counter overflow: fewer STOPs than NUM_STOP arrived before the timeout.</summary>
public sealed class Tdc7200OverflowException : Tdc7200Exception
{
    /// <summary>Creates the exception for the INT_STATUS that reported the overflow.</summary>
    public Tdc7200OverflowException(string message, Tdc7200InterruptStatus status)
        : base(message)
    {
        Status = status;
    }

    /// <summary>Creates the exception.</summary>
    public Tdc7200OverflowException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public Tdc7200OverflowException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public Tdc7200OverflowException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>INT_STATUS as read.</summary>
    public Tdc7200InterruptStatus Status { get; }
}

/// <summary>The bus answered bytes a TDC7200 cannot have sent (read-back mismatch, parity error, impossible status).</summary>
public sealed class Tdc7200ProtocolException : Tdc7200Exception
{
    /// <summary>Creates the exception naming the device and the bytes.</summary>
    public Tdc7200ProtocolException(string device, string problem, ReadOnlySpan<byte> bytes)
        : base($"{device}: {problem}: {Convert.ToHexString(bytes)}")
    {
        Bytes = bytes.ToArray();
    }

    /// <summary>Creates the exception.</summary>
    public Tdc7200ProtocolException()
    {
        Bytes = [];
    }

    /// <summary>Creates the exception with a message.</summary>
    public Tdc7200ProtocolException(string message)
        : base(message)
    {
        Bytes = [];
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public Tdc7200ProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
        Bytes = [];
    }

    /// <summary>The offending bytes as received.</summary>
    public IReadOnlyList<byte> Bytes { get; }
}
