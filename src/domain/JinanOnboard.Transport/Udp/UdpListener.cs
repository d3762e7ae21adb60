using System.Net;
using System.Net.Sockets;

using JinanOnboard.Transport.Internal;

namespace JinanOnboard.Transport.Udp;

/// <summary>
/// A bound datagram socket that accepts exactly one peer: the sender of the first datagram. The socket is then
/// connected to that peer (datagrams from anyone else are discarded by the kernel) and handed to the connection.
/// </summary>
internal sealed class UdpListener(Socket socket, int mtuBytes, string endPoint) : IConnectionListener
{
    private readonly TaskCompletionSource _disposed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private const int Idle = 0;
    private const int Accepting = 1;
    private const int HandedOver = 2;
    private int _state;

    public string EndPoint { get; } = endPoint;

    public async ValueTask<TransportConnection> AcceptAsync(CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(_disposed.Task.IsCompleted, this);
        if (Interlocked.CompareExchange(ref _state, Accepting, Idle) != Idle)
        {
            // One socket, one peer: a second accept waits until the listener goes away.
            await _disposed.Task.WaitAsync(ct);
            throw new ObjectDisposedException(EndPoint);
        }

        byte[] buffer = new byte[UdpDatagram.MaxDatagramBytes];
        EndPoint any = socket.AddressFamily == AddressFamily.InterNetworkV6 ? new IPEndPoint(IPAddress.IPv6Any, 0) : new IPEndPoint(IPAddress.Any, 0);
        while (true)
        {
            SocketReceiveFromResult first;
            try
            {
                first = await socket.ReceiveFromAsync(buffer, SocketFlags.None, any, ct);
            }
            catch (SocketException ex) when (ex.SocketErrorCode == SocketError.ConnectionRefused)
            {
                continue;
            }
            catch (Exception ex) when (ex is ObjectDisposedException or SocketException && _disposed.Task.IsCompleted)
            {
                throw new ObjectDisposedException(EndPoint, ex);
            }
            catch (OperationCanceledException)
            {
                Volatile.Write(ref _state, Idle);
                throw;
            }

            if (first.ReceivedBytes == 0)
            {
                continue;
            }

            await socket.ConnectAsync(first.RemoteEndPoint, ct);
            if (buffer[0] == UdpDatagram.Open)
            {
                await socket.SendAsync(new[] { UdpDatagram.Accept }, SocketFlags.None, ct);
            }

            Volatile.Write(ref _state, HandedOver);
            var channel = new UdpRawChannel(socket, mtuBytes, isListenerSide: true, buffer.AsSpan(0, first.ReceivedBytes));
            return new PumpedConnection(channel, EndPoint, UdpTransportFactory.Describe(first.RemoteEndPoint));
        }
    }

    public ValueTask DisposeAsync()
    {
        if (_disposed.TrySetResult() && Volatile.Read(ref _state) != HandedOver)
        {
            socket.Dispose();
        }

        return ValueTask.CompletedTask;
    }
}
