using System.Threading.Channels;

namespace JinanOnboard.Runtime.Ports;

/// <summary>
/// An asynchronous input port with its own bounded queue, F Prime's "async input port": a producer's
/// <see cref="EnqueueAsync"/> returns as soon as the item is queued (it waits only while the queue is
/// full), and <see cref="RunAsync"/> hands the items to the handler one at a time, in order. It keeps a
/// fast producer running while the consumer is busy, e.g. the OGS detection chain while the distiller
/// decodes a packet. If the handler fails, the queue closes: the producer's next enqueue and
/// <see cref="RunAsync"/> both raise the failure.
/// </summary>
public sealed class QueuedInputPort<T>
{
    private readonly Channel<T> _queue;
    private readonly Func<T, CancellationToken, ValueTask> _handler;

    /// <param name="name">Port name (messages).</param>
    /// <param name="capacity">Items queued at most before producers wait.</param>
    /// <param name="handler">The consumer, called on the <see cref="RunAsync"/> task.</param>
    public QueuedInputPort(string name, int capacity, Func<T, CancellationToken, ValueTask> handler)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentNullException.ThrowIfNull(handler);
        Name = name;
        _handler = handler;
        _queue = System.Threading.Channels.Channel.CreateBounded<T>(new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    }

    public string Name { get; }

    /// <summary>Queues <paramref name="item"/>; waits only while the queue is full. Throws the consumer's failure, if any.</summary>
    public async ValueTask EnqueueAsync(T item, CancellationToken cancellationToken)
    {
        while (!_queue.Writer.TryWrite(item))
        {
            // A queue closed by a failing consumer makes WaitToWriteAsync throw that failure.
            if (!await _queue.Writer.WaitToWriteAsync(cancellationToken))
            {
                throw new InvalidOperationException($"{Name}: input after Complete()");
            }
        }
    }

    /// <summary>No more input: <see cref="RunAsync"/> returns once every queued item is handled.</summary>
    public void Complete() => _queue.Writer.TryComplete();

    /// <summary>The consumer loop; returns after <see cref="Complete"/> and the last item.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (T item in _queue.Reader.ReadAllAsync(cancellationToken))
            {
                await _handler(item, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            _queue.Writer.TryComplete(ex);
            throw;
        }
    }
}
