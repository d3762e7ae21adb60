using System.Net;
using System.Net.Sockets;

namespace JinanOnboard.Cli.Devices;

/// <summary>
/// Two connected loopback TCP sockets: the driver's end and an in-process simulator's end of one byte stream. The CLI
/// does not reference the optical bench (whose InMemoryDuplexStream does the same in memory), and a socket keeps the
/// probe's bytes on a real stream with real close semantics.
/// </summary>
internal static class LoopbackStreamPair
{
    public static async Task<(NetworkStream Host, NetworkStream Device)> CreateAsync(CancellationToken cancellationToken)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start(1);
        var host = new TcpClient { NoDelay = true };
        Task connect = host.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port, cancellationToken).AsTask();
        TcpClient device = await listener.AcceptTcpClientAsync(cancellationToken);
        await connect;
        device.NoDelay = true;
        return (new NetworkStream(host.Client, ownsSocket: true), new NetworkStream(device.Client, ownsSocket: true));
    }
}
