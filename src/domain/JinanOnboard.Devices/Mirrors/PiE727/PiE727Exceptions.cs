namespace JinanOnboard.Devices.Mirrors.PiE727;

/// <summary>An E-727 did not do what was asked: refused, did not answer, answered garbage, or is in its fault state.</summary>
public class PiE727Exception : IOException
{
    /// <summary>Creates the exception.</summary>
    public PiE727Exception()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public PiE727Exception(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public PiE727Exception(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>The controller reported a GCS error (<c>ERR?</c> answered a non-zero code).</summary>
public sealed class GcsErrorException : PiE727Exception
{
    /// <summary>Creates the exception for an error the controller reported after <paramref name="command"/>.</summary>
    public GcsErrorException(string device, string command, GcsErrorCode code)
        : base($"{device}: '{command}' failed with GCS error {(int)code} ({code})")
    {
        Device = device;
        Command = command;
        Code = code;
    }

    /// <summary>Creates the exception.</summary>
    public GcsErrorException()
    {
        Device = string.Empty;
        Command = string.Empty;
    }

    /// <summary>Creates the exception with a message.</summary>
    public GcsErrorException(string message)
        : base(message)
    {
        Device = string.Empty;
        Command = string.Empty;
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public GcsErrorException(string message, Exception innerException)
        : base(message, innerException)
    {
        Device = string.Empty;
        Command = string.Empty;
    }

    /// <summary>The controller the error came from (its endpoint or identity).</summary>
    public string Device { get; }

    /// <summary>The command line (without LF) after which the error was read.</summary>
    public string Command { get; }

    /// <summary>The GCS error code; a value outside the named members is a code this binding does not name.</summary>
    public GcsErrorCode Code { get; }
}

/// <summary>The controller answered bytes that are not the reply the command expects (garbled line, wrong shape).</summary>
public sealed class GcsProtocolException : PiE727Exception
{
    /// <summary>Creates the exception naming the device, the command and the offending bytes.</summary>
    public GcsProtocolException(string device, string command, ReadOnlySpan<byte> reply, string problem)
        : base($"{device}: unexpected reply to '{command}' ({problem}): {Convert.ToHexString(reply)}")
    {
        Device = device;
        Command = command;
        Reply = reply.ToArray();
    }

    /// <summary>Creates the exception.</summary>
    public GcsProtocolException()
    {
        Device = string.Empty;
        Command = string.Empty;
        Reply = [];
    }

    /// <summary>Creates the exception with a message.</summary>
    public GcsProtocolException(string message)
        : base(message)
    {
        Device = string.Empty;
        Command = string.Empty;
        Reply = [];
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public GcsProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
        Device = string.Empty;
        Command = string.Empty;
        Reply = [];
    }

    /// <summary>The controller the reply came from.</summary>
    public string Device { get; }

    /// <summary>The command line (without LF) the reply answered.</summary>
    public string Command { get; }

    /// <summary>The reply bytes as received (lines joined, LFs included).</summary>
    public IReadOnlyList<byte> Reply { get; }
}

/// <summary>The controller did not answer in time; after the retries a query is allowed, the binding is faulted.</summary>
public sealed class PiE727TimeoutException : PiE727Exception
{
    /// <summary>Creates the exception.</summary>
    public PiE727TimeoutException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public PiE727TimeoutException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public PiE727TimeoutException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>The binding is in its fault state (a command went unanswered); nothing is sent until it recovers.</summary>
public sealed class PiE727FaultedException : PiE727Exception
{
    /// <summary>Creates the exception.</summary>
    public PiE727FaultedException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public PiE727FaultedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public PiE727FaultedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>The byte stream to the controller ended or failed (socket closed, cable pulled).</summary>
public sealed class PiE727DisconnectedException : PiE727Exception
{
    /// <summary>Creates the exception.</summary>
    public PiE727DisconnectedException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public PiE727DisconnectedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public PiE727DisconnectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
