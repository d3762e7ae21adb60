namespace JinanOnboard.Physics.Parameters;

/// <summary>A physics parameter set could not be found, read or validated; the message names the file, the key and the allowed range.</summary>
public sealed class ParameterSetException : Exception
{
    /// <summary>Create with no message.</summary>
    public ParameterSetException() { }

    /// <summary>Create with a one-line message.</summary>
    public ParameterSetException(string message) : base(message) { }

    /// <summary>Create with a one-line message and its cause.</summary>
    public ParameterSetException(string message, Exception inner) : base(message, inner) { }
}
