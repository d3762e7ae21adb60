using System.Net.Sockets;

using JinanOnboard.Transport.Internal;

namespace JinanOnboard.Transport.Udp;

/// <summary>
/// A connected datagram socket as a byte stream: writes are cut into datagrams of at most the MTU, and a lost
/// datagram is simply missing bytes (the link layer resynchronises on its frame marker). End of stream is a
/// <see cref="UdpDatagram.Fin"/> datagram, sent once, so it can be lost like any other.
/// </summary>
internal sealed class UdpRawChannel : IRawChannel
{
    private readonly Socket _socket;
    private readonly int _mtuBytes;
    private readonly bool _isListenerSide;
    private readonly byte[] _receiveBuffer = new byte[UdpDatagram.MaxDatagramBytes];
    private readonly byte[] _sendBuffer;
    private int _pendingOffset;
    private int _pendingCount;
    private int _finSent;

    public UdpRawChannel(Socket socket, int mtuBytes, bool isListenerSide, ReadOnlySpan<byte> firstDatagram)
    {
        _socket = socket;
        _mtuBytes = mtuBytes;
        _isListenerSide = isListenerSide;
        _sendBuffer = new byte[mtuBytes];
        if (firstDatagram.Length > 1 && firstDatagram[0] == UdpDatagram.Data)
        {
            firstDatagram[1..].CopyTo(_receiveBuffer);
            _pendingCount = firstDatagram.Length - 1;
        }
    }

    public int ReceiveBufferHint => 4096;

    public async ValueTask<int> ReceiveAsync(Memory<byte> buffer, CancellationToken ct)
    {
        while (_pendingCount == 0)
        {
            int received;
            try
            {
                received = await _socket.ReceiveAsync(_receiveBuffer, SocketFlags.None, ct);
            }
            catch (SocketException ex) when (ex.SocketErrorCode == SocketError.ConnectionRefused)
            {
                // ICMP port unreachable for an earlier send: those bytes are lost, nothing more.
                continue;
            }

            if (received == 0)
            {
                continue;
            }

            switch (_receiveBuffer[0])
            {
                case UdpDatagram.Data:
                    _pendingOffset = 1;
                    _pendingCount = received - 1;
                    break;
                case UdpDatagram.Fin:
                    return 0;
                case UdpDatagram.Open when _isListenerSide:
                    // Our Accept was lost and the client asks again.
                    await SendControlAsync(UdpDatagram.Accept, ct);
                    break;
                default:
                    break; // Unknown kinds are dropped, as a corrupted datagram would be.
            }
        }

        int count = Math.Min(buffer.Length, _pendingCount);
        _receiveBuffer.AsMemory(_pendingOffset, count).CopyTo(buffer);
        _pendingOffset += count;
        _pendingCount -= count;
        return count;
    }

    public async ValueTask SendAsync(ReadOnlyMemory<byte> data, CancellationToken ct)
    {
        int payloadBytes = _mtuBytes - 1;
        while (!data.IsEmpty)
        {
            int count = Math.Min(payloadBytes, data.Length);
            _sendBuffer[0] = UdpDatagram.Data;
            data.Span[..count].CopyTo(_sendBuffer.AsSpan(1));
            await SendDatagramAsync(_sendBuffer.AsMemory(0, count + 1), ct);
            data = data[count..];
        }
    }

    public ValueTask ShutdownSendAsync(CancellationToken ct) =>
        Interlocked.Exchange(ref _finSent, 1) == 0 ? SendControlAsync(UdpDatagram.Fin, ct) : ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        try
        {
            await ShutdownSendAsync(CancellationToken.None);
        }
        catch (SocketException)
        {
            // Best effort: the peer's link timeout covers a Fin that cannot be sent.
        }
        catch (ObjectDisposedException)
        {
        }

        _socket.Dispose();
    }

    private ValueTask SendControlAsync(byte kind, CancellationToken ct) => SendDatagramAsync(new[] { kind }, ct);

    private async ValueTask SendDatagramAsync(ReadOnlyMemory<byte> datagram, CancellationToken ct)
    {
        try
        {
            await _socket.SendAsync(datagram, SocketFlags.None, ct);
        }
        catch (SocketException ex) when (ex.SocketErrorCode is SocketError.ConnectionRefused or SocketError.NoBufferSpaceAvailable)
        {
            // Datagram semantics: the peer is not there yet or the queue is full, so these bytes are lost.
        }
    }
}
