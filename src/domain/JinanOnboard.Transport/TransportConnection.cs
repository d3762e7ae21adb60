using System.IO.Pipelines;

namespace JinanOnboard.Transport;

/// <summary>
/// One established byte-stream connection, exposed as a duplex pipe (Kestrel's ConnectionContext in spirit).
/// Write to <see cref="Output"/> and complete it to half-close; read <see cref="Input"/> until the result is
/// completed, which means the peer closed its side or the connection ended. Disposing closes both directions.
/// </summary>
public abstract class TransportConnection : IDuplexPipe, IAsyncDisposable
{
    /// <summary>Bytes from the peer.</summary>
    public abstract PipeReader Input { get; }

    /// <summary>Bytes to the peer; completing it half-closes the connection where the transport can signal that.</summary>
    public abstract PipeWriter Output { get; }

    /// <summary>This side's endpoint as a URI string (for example <c>tcp://127.0.0.1:40211</c>).</summary>
    public abstract string LocalEndpoint { get; }

    /// <summary>The peer's endpoint as a URI string.</summary>
    public abstract string RemoteEndpoint { get; }

    /// <summary>Closes both directions and releases the underlying resource; the peer sees end of stream.</summary>
    public abstract ValueTask DisposeAsync();
}
