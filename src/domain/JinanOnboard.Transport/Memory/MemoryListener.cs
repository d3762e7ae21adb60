using System.Diagnostics.CodeAnalysis;
using System.Threading.Channels;

namespace JinanOnboard.Transport.Memory;

/// <summary>A bound memory name; each client connect queues the server end of a fresh pipe pair.</summary>
internal sealed class MemoryListener(string endPoint, Action unregister) : IConnectionListener
{
    private readonly Channel<TransportConnection> _pending = Channel.CreateUnbounded<TransportConnection>();

    public string EndPoint { get; } = endPoint;

    public bool TryOffer([NotNullWhen(true)] out TransportConnection? client)
    {
        (TransportConnection c, TransportConnection server) = MemoryTransportFactory.CreatePair(EndPoint);
        if (_pending.Writer.TryWrite(server))
        {
            client = c;
            return true;
        }

        client = null;
        return false;
    }

    public async ValueTask<TransportConnection> AcceptAsync(CancellationToken ct)
    {
        try
        {
            return await _pending.Reader.ReadAsync(ct);
        }
        catch (ChannelClosedException ex)
        {
            throw new ObjectDisposedException(EndPoint, ex);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_pending.Writer.TryComplete())
        {
            unregister();

            // Clients whose connection was never accepted see it end, as with a closed socket backlog.
            while (_pending.Reader.TryRead(out TransportConnection? orphan))
            {
                await orphan.DisposeAsync();
            }
        }
    }
}
