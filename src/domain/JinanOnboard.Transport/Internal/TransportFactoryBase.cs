using JinanOnboard.Transport;

namespace JinanOnboard.Transport.Internal;

/// <summary>Common shape of every transport: one object is both the client and the listener factory.</summary>
internal abstract class TransportFactoryBase : IConnectionFactory, IConnectionListenerFactory
{
    public ValueTask<TransportConnection> ConnectAsync(Uri endpoint, CancellationToken ct) =>
        ConnectAsync(EndpointSettings.Parse(endpoint), ct);

    public ValueTask<IConnectionListener> BindAsync(Uri endpoint, CancellationToken ct) =>
        BindAsync(EndpointSettings.Parse(endpoint), ct);

    protected abstract ValueTask<TransportConnection> ConnectAsync(EndpointSettings settings, CancellationToken ct);

    protected abstract ValueTask<IConnectionListener> BindAsync(EndpointSettings settings, CancellationToken ct);
}
