namespace JinanOnboard.Primitives.Ports;

/// <summary>
/// A typed output of a component (F Prime's output port). It is connected once, in a topology,
/// to the input port of another component; invoking an unconnected port is a wiring bug and throws.
/// </summary>
public sealed class OutputPort<T>
{
    private Action<T>? _target;

    /// <summary>The name used in wiring errors, e.g. "LinkComponent.Received".</summary>
    public string Name { get; }

    public OutputPort(string name) => Name = name;

    public bool IsConnected => _target is not null;

    /// <summary>Connects this output to an input port; a port has exactly one connection.</summary>
    public void Connect(InputPort<T> input)
    {
        ArgumentNullException.ThrowIfNull(input);
        ConnectTo(input.Post);
    }

    /// <summary>Connects this output to a plain handler (used by topologies for sinks such as reports).</summary>
    public void ConnectTo(Action<T> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        if (_target is not null)
        {
            throw new InvalidOperationException($"Output port {Name} is already connected.");
        }

        _target = handler;
    }

    /// <summary>Sends a value to the connected input.</summary>
    public void Invoke(T value)
    {
        Action<T> target = _target ?? throw new InvalidOperationException($"Output port {Name} is not connected.");
        target(value);
    }
}
