using System.Collections.Concurrent;
using System.Globalization;
using System.IO.Pipelines;

using JinanOnboard.Transport.Internal;

namespace JinanOnboard.Transport.Memory;

/// <summary>
/// <c>memory://name</c>: both ends in one process, connected by a pair of pipes through a process-wide
/// registry of names (Kestrel's in-memory test transport in spirit). No sockets, no copies beyond the pipes.
/// </summary>
internal sealed class MemoryTransportFactory : TransportFactoryBase
{
    public static readonly MemoryTransportFactory Instance = new();

    private static readonly ConcurrentDictionary<string, MemoryListener> Listeners = new(StringComparer.Ordinal);

    private static readonly PipeOptions Options = new(
        pauseWriterThreshold: 1 << 20,
        resumeWriterThreshold: 1 << 19,
        useSynchronizationContext: false);

    private static long _nextPeer;

    protected override ValueTask<TransportConnection> ConnectAsync(EndpointSettings settings, CancellationToken ct) =>
        ConnectRetry.RunAsync(
            settings,
            _ =>
            {
                if (!Listeners.TryGetValue(settings.Host, out MemoryListener? listener) || !listener.TryOffer(out TransportConnection? client))
                {
                    throw new NoListenerException();
                }

                return ValueTask.FromResult(client);
            },
            ex => ex is NoListenerException ? "connection refused" : null,
            ct);

    protected override ValueTask<IConnectionListener> BindAsync(EndpointSettings settings, CancellationToken ct)
    {
        var listener = new MemoryListener(settings.Display, () => Listeners.TryRemove(settings.Host, out _));
        if (!Listeners.TryAdd(settings.Host, listener))
        {
            throw new TransportException($"{settings.Display}: address already in use");
        }

        return ValueTask.FromResult<IConnectionListener>(listener);
    }

    /// <summary>Two connected ends: what one writes the other reads.</summary>
    internal static (TransportConnection Client, TransportConnection Server) CreatePair(string endPoint)
    {
        string peer = $"{endPoint}/peer-{Interlocked.Increment(ref _nextPeer).ToString(CultureInfo.InvariantCulture)}";
        var toServer = new Pipe(Options);
        var toClient = new Pipe(Options);
        return (new MemoryConnection(toClient.Reader, toServer.Writer, peer, endPoint),
                new MemoryConnection(toServer.Reader, toClient.Writer, endPoint, peer));
    }

    private sealed class NoListenerException : Exception;
}
