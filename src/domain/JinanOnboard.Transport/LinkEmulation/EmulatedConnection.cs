using System.IO.Pipelines;

namespace JinanOnboard.Transport.LinkEmulation;

/// <summary>
/// A connection seen through the emulated laser link: what the application writes to <see cref="Output"/> reaches
/// the inner connection after the outbound direction's serialisation, delay, loss, bit errors, outages, duplication,
/// reordering and jitter; what the inner connection receives reaches <see cref="Input"/> through the inbound
/// direction. Disposal lets written bytes arrive (for at most 2 s of real time), drops what is still in flight, and disposes the inner connection.
/// </summary>
public sealed class EmulatedConnection : TransportConnection
{
    private static readonly PipeOptions Options = new(pauseWriterThreshold: 1 << 20, resumeWriterThreshold: 1 << 19, useSynchronizationContext: false);

    private readonly TransportConnection _inner;
    private readonly Pipe _fromApplication = new(Options);
    private readonly Pipe _toApplication = new(Options);
    private readonly CancellationTokenSource _closing = new();
    /// <summary>Real time disposal waits for chunks in flight to arrive before dropping them.</summary>
    private static readonly TimeSpan DrainOnDispose = TimeSpan.FromSeconds(2);

    private readonly Task _outbound;
    private readonly Task _inbound;
    private int _disposed;

    internal EmulatedConnection(TransportConnection inner, LinkDirectionOptions outbound, LinkDirectionOptions inbound, TimeProvider time)
    {
        _inner = inner;
        long start = time.GetTimestamp();
        var up = new EmulatedDirection(_fromApplication.Reader, inner.Output, outbound, time, start);
        var down = new EmulatedDirection(inner.Input, _toApplication.Writer, inbound, time, start);
        Outbound = up.Statistics;
        Inbound = down.Statistics;
        _outbound = Task.Run(() => up.RunAsync(_closing.Token));
        _inbound = Task.Run(() => down.RunAsync(_closing.Token));
    }

    /// <inheritdoc />
    public override PipeReader Input => _toApplication.Reader;

    /// <inheritdoc />
    public override PipeWriter Output => _fromApplication.Writer;

    /// <inheritdoc />
    public override string LocalEndpoint => _inner.LocalEndpoint;

    /// <inheritdoc />
    public override string RemoteEndpoint => _inner.RemoteEndpoint;

    /// <summary>Counters of the direction this side sends on.</summary>
    public LinkDirectionStatistics Outbound { get; }

    /// <summary>Counters of the direction this side receives on.</summary>
    public LinkDirectionStatistics Inbound { get; }

    /// <inheritdoc />
    public override async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // Like a socket close: what was written still goes out, unless the link cannot deliver it in time.
        await _fromApplication.Writer.CompleteAsync();
        try
        {
            await _outbound.WaitAsync(DrainOnDispose);
        }
        catch (TimeoutException)
        {
            // Chunks still in flight are dropped: the beam is gone.
        }

        await _closing.CancelAsync();
        await Task.WhenAll(_outbound, _inbound);
        await _inner.DisposeAsync();
        _closing.Dispose();
    }
}
