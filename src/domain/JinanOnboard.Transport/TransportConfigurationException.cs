namespace JinanOnboard.Transport;

/// <summary>
/// An endpoint URI that cannot be used as written: malformed, unknown scheme, or a query parameter out of range.
/// The message is one line naming the text and what is wrong with it.
/// </summary>
public sealed class TransportConfigurationException : TransportException
{
    /// <summary>Creates an exception with an empty message.</summary>
    public TransportConfigurationException()
    {
    }

    /// <summary>Creates an exception with a one-line message.</summary>
    public TransportConfigurationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a one-line message and the underlying cause.</summary>
    public TransportConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
