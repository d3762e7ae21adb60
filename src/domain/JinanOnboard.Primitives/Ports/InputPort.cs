namespace JinanOnboard.Primitives.Ports;

/// <summary>
/// A typed input of a component. A value posted to it is queued on the owning component and
/// handled on the component's own thread, so handlers never race with each other.
/// </summary>
public sealed class InputPort<T>
{
    private readonly ComponentQueue _queue;
    private readonly Action<T> _handler;

    public string Name { get; }

    public InputPort(string name, ComponentQueue queue, Action<T> handler)
    {
        Name = name;
        _queue = queue ?? throw new ArgumentNullException(nameof(queue));
        _handler = handler ?? throw new ArgumentNullException(nameof(handler));
    }

    /// <summary>Queues <paramref name="value"/> for the handler; waits when the queue is full (back-pressure).</summary>
    public void Post(T value) => _queue.Enqueue(() => _handler(value));
}
