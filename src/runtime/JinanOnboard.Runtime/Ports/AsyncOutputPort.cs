namespace JinanOnboard.Runtime.Ports;

/// <summary>
/// An output whose handler is asynchronous (for example a send that waits for link window space),
/// so back-pressure reaches the producing component. Connected once, in a topology.
/// </summary>
public sealed class AsyncOutputPort<T>
{
    private readonly List<Func<T, CancellationToken, ValueTask>> _targets = [];

    public AsyncOutputPort(string name) => Name = name;

    public string Name { get; }

    public bool IsConnected => _targets.Count > 0;

    /// <summary>Adds a handler; a port may fan out to several inputs (called in connection order).</summary>
    public void ConnectTo(Func<T, CancellationToken, ValueTask> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
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
