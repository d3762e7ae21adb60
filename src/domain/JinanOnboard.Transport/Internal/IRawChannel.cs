using JinanOnboard.Transport;

namespace JinanOnboard.Transport.Internal;

/// <summary>
/// The minimal byte channel a socket, datagram socket or serial port offers; <see cref="PumpedConnection"/>
/// turns it into pipes. Implementations are used by one receiver and one sender at a time.
/// </summary>
internal interface IRawChannel : IAsyncDisposable
{
    /// <summary>Smallest buffer <see cref="ReceiveAsync"/> wants (a whole datagram for UDP).</summary>
    int ReceiveBufferHint { get; }

    /// <summary>Receives some bytes; 0 means the peer ended its stream.</summary>
    ValueTask<int> ReceiveAsync(Memory<byte> buffer, CancellationToken ct);

    /// <summary>Sends all of <paramref name="data"/>.</summary>
    ValueTask SendAsync(ReadOnlyMemory<byte> data, CancellationToken ct);

    /// <summary>Signals end of stream to the peer while still receiving (half-close), where the medium can.</summary>
    ValueTask ShutdownSendAsync(CancellationToken ct);
}
