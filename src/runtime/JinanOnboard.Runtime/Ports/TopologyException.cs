namespace JinanOnboard.Runtime.Ports;

/// <summary>
/// A topology that cannot be wired: a port connected twice, a required port or device left unconnected. Raised
/// while the topology is wired, before the pass starts; the message names the component and the port.
/// </summary>
public sealed class TopologyException : Exception
{
    public TopologyException() { }

    public TopologyException(string message) : base(message) { }

    public TopologyException(string message, Exception inner) : base(message, inner) { }
}
