namespace JinanOnboard.Runtime.Ports;

/// <summary>
/// An output whose handler is asynchronous (for example a send that waits for link window space),
/// so back-pressure reaches the producing component. Connected in a topology: a port of multiplicity
/// <see cref="PortMultiplicity.One"/> takes exactly one connection, and a second one is a wiring error.
/// </summary>
public sealed class AsyncOutputPort<T> : IOutputPort
{
    private readonly List<Func<T, CancellationToken, ValueTask>> _targets = [];

    public AsyncOutputPort(string name, PortMultiplicity multiplicity = PortMultiplicity.Many)
    {
        Name = name;
        Multiplicity = multiplicity;
    }

    public string Name { get; }

    public PortMultiplicity Multiplicity { get; }

    public bool IsConnected => _targets.Count > 0;

    /// <summary>Adds a handler; a port of multiplicity many fans out to several inputs (called in connection order).</summary>
    /// <exception cref="TopologyException">A port of multiplicity one is already connected.</exception>
    public void ConnectTo(Func<T, CancellationToken, ValueTask> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        if (Multiplicity == PortMultiplicity.One && _targets.Count > 0)
        {
            throw new TopologyException($"port {Name} is connected twice: it takes exactly one connection");
        }

        _targets.Add(handler);
    }

    /// <summary>Calls every connected handler in turn; an unconnected port does nothing.</summary>
    public async ValueTask InvokeAsync(T value, CancellationToken cancellationToken)
    {
        foreach (Func<T, CancellationToken, ValueTask> target in _targets)
        {
            await target(value, cancellationToken);
        }
    }
}
