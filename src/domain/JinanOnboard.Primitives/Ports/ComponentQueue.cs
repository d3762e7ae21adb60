using System.Threading.Channels;

namespace JinanOnboard.Primitives.Ports;

/// <summary>
/// The message queue of an active component: a bounded channel of work items drained by one
/// consumer, either the component's task (<see cref="RunAsync"/>) or a test harness
/// (<see cref="DispatchPending"/>), which is F Prime's "drain the queue on the test thread".
/// </summary>
public sealed class ComponentQueue
{
    private readonly Channel<Action> _channel;

    public string Name { get; }

    public ComponentQueue(string name, int capacity = 4096)
    {
        Name = name;
        _channel = Channel.CreateBounded<Action>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    internal void Enqueue(Action work)
    {
        if (_channel.Writer.TryWrite(work))
        {
            return;
        }

        // Full: block the producer rather than drop or grow; producers are other components' threads.
        if (!_channel.Writer.WriteAsync(work).AsTask().Wait(TimeSpan.FromSeconds(30)))
        {
            throw new InvalidOperationException($"Component queue {Name} stayed full for 30 s.");
        }
    }

    /// <summary>Runs every queued item on the caller's thread; returns how many ran.</summary>
    public int DispatchPending()
    {
        int count = 0;
        while (_channel.Reader.TryRead(out Action? work))
        {
            work();
            count++;
        }

        return count;
    }

    /// <summary>Drains the queue until it is completed or <paramref name="cancellationToken"/> fires.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (Action work in _channel.Reader.ReadAllAsync(cancellationToken))
            {
                work();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>No more input: <see cref="RunAsync"/> returns once the queue is empty.</summary>
    public void Complete() => _channel.Writer.TryComplete();
}
