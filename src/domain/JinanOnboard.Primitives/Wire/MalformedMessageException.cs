namespace JinanOnboard.Primitives.Wire;

/// <summary>
/// A message body (or record) that does not follow its spec: truncated, a length or count out of range, trailing bytes,
/// an unknown enum value, inconsistent fields. The one exception every decoder throws for bad input, so that a receiver
/// catches exactly this type, drops the message and counts it (<c>malformed_messages</c>); any other exception is a bug.
/// </summary>
public sealed class MalformedMessageException : Exception
{
    public MalformedMessageException()
    {
    }

    public MalformedMessageException(string message)
        : base(message)
    {
    }

    public MalformedMessageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>A problem located at a field: "settle query: pass_id at byte 3: not UTF-8".</summary>
    public MalformedMessageException(string messageName, string field, int offset, string problem)
        : base($"{messageName}: {field} at byte {offset}: {problem}")
    {
        MessageName = messageName;
        Field = field;
        Offset = offset;
    }

    /// <summary>The message kind ("sync word batch"), when the problem was located by a <see cref="WireReader"/>.</summary>
    public string? MessageName { get; }

    /// <summary>The spec's name of the offending field, when known.</summary>
    public string? Field { get; }

    /// <summary>Byte offset of the offending field in the body, or −1 when not known.</summary>
    public int Offset { get; } = -1;
}
