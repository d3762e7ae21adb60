namespace JinanOnboard.Transport;

/// <summary>
/// A transport failure a user can act on; <see cref="Exception.Message"/> is one line naming the endpoint and
/// the reason, for example <c>tcp://127.0.0.1:7400: address already in use</c>.
/// </summary>
public class TransportException : Exception
{
    /// <summary>Creates an exception with an empty message.</summary>
    public TransportException()
    {
    }

    /// <summary>Creates an exception with a one-line message.</summary>
    public TransportException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a one-line message and the underlying cause.</summary>
    public TransportException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
