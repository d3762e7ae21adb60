namespace JinanOnboard.Transport;

/// <summary>Binds listeners on an endpoint.</summary>
public interface IConnectionListenerFactory
{
    /// <summary>Binds <paramref name="endpoint"/>; throws <see cref="TransportException"/> if it is busy or unusable.</summary>
    ValueTask<IConnectionListener> BindAsync(Uri endpoint, CancellationToken ct);
}
