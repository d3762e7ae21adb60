namespace JinanOnboard.Distillation.Exchange;

/// <summary>
/// A well-formed distillation message that the distiller refuses in its present state: a type this side does not
/// receive, a round too far ahead or not after the last, a sift result for a round never sent, counts that disagree with
/// the round's. A body that does not parse is a <see cref="Primitives.Wire.MalformedMessageException"/> instead, counted
/// with every other malformed message; the firmware counts these apart (distillation_messages_refused) because they
/// point at a peer whose state has diverged, not at a damaged body.
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
