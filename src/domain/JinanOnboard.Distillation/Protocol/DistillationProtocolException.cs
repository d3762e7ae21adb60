namespace JinanOnboard.Distillation.Protocol;

/// <summary>
/// A distillation message body is malformed (truncated, oversize counts, inconsistent fields).
/// The firmware drops the message and logs the reason; no other exception escapes a decoder.
/// </summary>
public sealed class DistillationProtocolException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DistillationProtocolException()
    {
    }

    /// <summary>Creates the exception with a one-line reason.</summary>
    public DistillationProtocolException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a reason and its cause.</summary>
    public DistillationProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
