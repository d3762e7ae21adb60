using System.Net;
using System.Net.Sockets;

namespace JinanOnboard.Devices.Simulated.PiE727;

/// <summary>
/// The simulated E-727 on a TCP port, as the real controller listens on port 50000 (E727T0005, "TCP/IP"), so the
/// binding connects to it exactly as to hardware. Each accepted connection is served by its own session on the same
/// controller model. Port 0 picks a free port (see <see cref="Port"/>).
/// </summary>
public sealed class SimulatedE727TcpServer : IAsyncDisposable
{
    /// <summary>The E-727's GCS TCP port.</summary>
    public const int DefaultPort = 50000;

    private readonly TcpListener listener;
    private readonly CancellationTokenSource stop = new();
    private readonly Task acceptLoop;
    private readonly List<Task> sessions = [];
    private readonly Lock gate = new();

    /// <summary>Starts listening on <paramref name="address"/>:<paramref name="port"/> for <paramref name="device"/>.</summary>
    public SimulatedE727TcpServer(SimulatedE727 device, IPAddress address, int port = DefaultPort)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(address);
        Device = device;
        listener = new TcpListener(address, port);
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        acceptLoop = AcceptAsync(stop.Token);
    }

    /// <summary>The controller model the connections share.</summary>
    public SimulatedE727 Device { get; }

    /// <summary>The port listened on.</summary>
    public int Port { get; }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        try
        {
            await acceptLoop;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        Task[] running;
        lock (gate)
        {
            running = [.. sessions];
        }

        await Task.WhenAll(running).WaitAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        stop.Dispose();
    }

    private async Task AcceptAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket socket = await listener.AcceptSocketAsync(cancellationToken);
            socket.NoDelay = true;
            lock (gate)
            {
                sessions.RemoveAll(t => t.IsCompleted);
                sessions.Add(ServeAsync(socket, cancellationToken));
            }
        }
    }

    private async Task ServeAsync(Socket socket, CancellationToken cancellationToken)
    {
        await using var stream = new NetworkStream(socket, ownsSocket: true);
        await SimulatedE727Session.RunAsync(Device, stream, cancellationToken);
    }
}
