namespace JinanOnboard.Transport;

/// <summary>A bound endpoint that hands out incoming connections.</summary>
public interface IConnectionListener : IAsyncDisposable
{
    /// <summary>The endpoint actually bound, as a URI string (port 0 resolved to the real port).</summary>
    string EndPoint { get; }

    /// <summary>
    /// Waits for the next peer. Throws <see cref="ObjectDisposedException"/> once the listener is disposed and
    /// <see cref="OperationCanceledException"/> when <paramref name="ct"/> fires.
    /// </summary>
    ValueTask<TransportConnection> AcceptAsync(CancellationToken ct);
}
