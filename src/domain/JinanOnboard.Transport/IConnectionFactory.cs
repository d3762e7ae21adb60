namespace JinanOnboard.Transport;

/// <summary>Opens client connections to an endpoint (Kestrel's IConnectionFactory in spirit).</summary>
public interface IConnectionFactory
{
    /// <summary>
    /// Connects to <paramref name="endpoint"/>, retrying with back-off until the endpoint's connect timeout
    /// (query parameter <c>connectTimeoutMs</c>); throws <see cref="TransportException"/> with a one-line reason.
    /// </summary>
    ValueTask<TransportConnection> ConnectAsync(Uri endpoint, CancellationToken ct);
}
