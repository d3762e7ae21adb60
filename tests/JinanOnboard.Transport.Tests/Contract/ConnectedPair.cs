namespace JinanOnboard.Transport.Tests.Contract;

/// <summary>A client and the server end the listener accepted for it, plus whatever must be torn down after.</summary>
public sealed class ConnectedPair(TransportConnection client, TransportConnection server, IConnectionListener listener, IAsyncDisposable? extra) : IAsyncDisposable
{
    public TransportConnection Client { get; } = client;

    public TransportConnection Server { get; } = server;

    public IConnectionListener Listener { get; } = listener;

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        await Server.DisposeAsync();
        await Listener.DisposeAsync();
        if (extra is not null)
        {
            await extra.DisposeAsync();
        }
    }
}
