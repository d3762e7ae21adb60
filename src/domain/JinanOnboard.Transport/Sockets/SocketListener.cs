using System.Net.Sockets;

namespace JinanOnboard.Transport.Sockets;

/// <summary>A listening stream socket; a Unix socket file is removed again on disposal.</summary>
internal sealed class SocketListener(Socket socket, string endPoint, string? unixPath, SocketTransportFactory factory) : IConnectionListener
{
    private int _disposed;

    public string EndPoint { get; } = endPoint;

    public async ValueTask<TransportConnection> AcceptAsync(CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        Socket accepted;
        try
        {
            accepted = await socket.AcceptAsync(ct);
        }
        catch (SocketException ex) when (Volatile.Read(ref _disposed) != 0 || ex.SocketErrorCode == SocketError.OperationAborted)
        {
            throw new ObjectDisposedException(EndPoint, ex);
        }

        return factory.Wrap(accepted, unixPath is null ? null : EndPoint);
    }

    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            socket.Dispose();
            if (unixPath is not null)
            {
                File.Delete(unixPath);
            }
        }

        return ValueTask.CompletedTask;
    }
}
