using System.IO.Ports;

using JinanOnboard.Transport.Internal;

namespace JinanOnboard.Transport.Serial;

/// <summary>
/// An open serial port as a raw channel. A serial line has no end-of-stream signal: half-close sends nothing,
/// and a vanished peer is detected by the link layer's loss-of-link timeout (protocol-spec/transports.md).
/// </summary>
internal sealed class SerialRawChannel(SerialPort port, Action released) : IRawChannel
{
    private readonly Stream _stream = port.BaseStream;

    public int ReceiveBufferHint => 4096;

    public ValueTask<int> ReceiveAsync(Memory<byte> buffer, CancellationToken ct) => _stream.ReadAsync(buffer, ct);

    public ValueTask SendAsync(ReadOnlyMemory<byte> data, CancellationToken ct) => _stream.WriteAsync(data, ct);

    public ValueTask ShutdownSendAsync(CancellationToken ct) => ValueTask.CompletedTask;

    public ValueTask DisposeAsync()
    {
        port.Dispose();
        released();
        return ValueTask.CompletedTask;
    }
}
