using System.Globalization;
using System.Net;
using System.Net.Sockets;
using JinanOnboard.Transport.Sockets;

using JinanOnboard.Transport.Internal;

namespace JinanOnboard.Transport.Udp;

/// <summary>
/// <c>udp://host:port?mtu=N</c>: a datagram "connection". The client repeats an Open datagram with back-off
/// until the listener answers Accept (so an absent peer is reported like a refused TCP connect); the listener
/// learns its one peer from the first datagram it receives.
/// </summary>
internal sealed class UdpTransportFactory : TransportFactoryBase
{
    public static readonly UdpTransportFactory Instance = new();

    /// <summary>How long one Open waits for its Accept before the retry policy sends another.</summary>
    private static readonly TimeSpan AnswerWait = TimeSpan.FromMilliseconds(250);

    internal static string Describe(EndPoint? endPoint) => endPoint is IPEndPoint ip
        ? $"udp://{EndpointSettings.FormatHost(ip.Address.ToString())}:{ip.Port.ToString(CultureInfo.InvariantCulture)}"
        : "udp://(unbound)";

    internal static Socket NewSocket(AddressFamily family) => new(family, SocketType.Dgram, ProtocolType.Udp)
    {
        // Loopback has no loss of its own; a deep buffer keeps it that way while the reader is briefly busy.
        ReceiveBufferSize = 4 << 20,
        SendBufferSize = 1 << 20,
    };

    protected override async ValueTask<TransportConnection> ConnectAsync(EndpointSettings settings, CancellationToken ct)
    {
        var remote = new IPEndPoint(await SocketTransportFactory.ResolveHostAsync(settings, ct), settings.Port);
        Socket socket = NewSocket(remote.AddressFamily);
        try
        {
            await socket.ConnectAsync(remote, ct);
            byte[] firstDatagram = await ConnectRetry.RunAsync(
                settings,
                token => HandshakeAsync(socket, token),
                ex => ex is NoAnswerException ? "no answer" : SocketErrors.TransientReason(ex),
                ct);
            var channel = new UdpRawChannel(socket, settings.MtuBytes, isListenerSide: false, firstDatagram);
            return new PumpedConnection(channel, Describe(socket.LocalEndPoint), Describe(socket.RemoteEndPoint));
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    protected override async ValueTask<IConnectionListener> BindAsync(EndpointSettings settings, CancellationToken ct)
    {
        var local = new IPEndPoint(await SocketTransportFactory.ResolveHostAsync(settings, ct), settings.Port);
        Socket socket = NewSocket(local.AddressFamily);
        try
        {
            socket.Bind(local);
        }
        catch (SocketException ex)
        {
            socket.Dispose();
            throw new TransportException($"{settings.Display}: {SocketErrors.Describe(ex)}", ex);
        }

        return new UdpListener(socket, settings.MtuBytes, Describe(socket.LocalEndPoint));
    }

    private static async ValueTask<byte[]> HandshakeAsync(Socket socket, CancellationToken ct)
    {
        await socket.SendAsync(new[] { UdpDatagram.Open }, SocketFlags.None, ct);
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
        wait.CancelAfter(AnswerWait);
        byte[] buffer = new byte[UdpDatagram.MaxDatagramBytes];
        try
        {
            while (true)
            {
                int received = await socket.ReceiveAsync(buffer, SocketFlags.None, wait.Token);
                if (received > 0 && buffer[0] is UdpDatagram.Accept or UdpDatagram.Data)
                {
                    // Data before Accept means the Accept was lost but the listener took us: keep the bytes.
                    return buffer[0] == UdpDatagram.Data ? buffer[..received] : [];
                }
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new NoAnswerException();
        }
    }

    private sealed class NoAnswerException : Exception;
}
