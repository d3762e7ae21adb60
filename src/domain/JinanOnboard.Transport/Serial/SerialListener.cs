namespace JinanOnboard.Transport.Serial;

/// <summary>The listening end of a serial line: the port is already open, and the one accept returns it.</summary>
internal sealed class SerialListener(TransportConnection connection, string endPoint) : IConnectionListener
{
    private readonly TaskCompletionSource _disposed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _handedOver;

    public string EndPoint { get; } = endPoint;

    public async ValueTask<TransportConnection> AcceptAsync(CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(_disposed.Task.IsCompleted, this);
        if (Interlocked.Exchange(ref _handedOver, 1) == 0)
        {
            return connection;
        }

        // A line has one peer; further accepts wait until the listener goes away.
        await _disposed.Task.WaitAsync(ct);
        throw new ObjectDisposedException(EndPoint);
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed.TrySetResult() && Volatile.Read(ref _handedOver) == 0)
        {
            await connection.DisposeAsync();
        }
    }
}
