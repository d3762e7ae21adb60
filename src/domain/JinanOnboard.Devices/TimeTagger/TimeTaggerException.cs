namespace JinanOnboard.Devices.TimeTagger;

/// <summary>The TDC refused a command, did not answer in time, or broke the protocol.</summary>
public class TimeTaggerException : IOException
{
    /// <summary>Creates the exception.</summary>
    public TimeTaggerException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public TimeTaggerException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public TimeTaggerException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a non-Ok response status.</summary>
    public TimeTaggerException(string message, TimeTaggerStatus status)
        : base(message)
    {
        Status = status;
    }

    /// <summary>The device's status code, when the device answered with one.</summary>
    public TimeTaggerStatus? Status { get; }
}

/// <summary>The byte stream to the TDC ended or failed: cable pulled, device powered off, socket closed.</summary>
public sealed class TimeTaggerDisconnectedException : TimeTaggerException
{
    /// <summary>Creates the exception.</summary>
    public TimeTaggerDisconnectedException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public TimeTaggerDisconnectedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public TimeTaggerDisconnectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
