using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using JinanOnboard.Transport.Tests.Contract;

namespace JinanOnboard.Transport.Tests.Errors;

/// <summary>The faults a user causes come back as one line naming the endpoint and the reason.</summary>
public sealed class TransportFaultTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData("tcp://127.0.0.1:0")]
    [InlineData("udp://127.0.0.1:0")]
    public async Task Binding_a_busy_port_says_address_already_in_use(string bind)
    {
        Uri first = Transports.ParseEndpoint(bind);
        await using IConnectionListener listener = await Transports.ServerFor(first).BindAsync(first, CancellationToken.None).AsTask().WaitAsync(Timeout);
        Uri again = Transports.ParseEndpoint(listener.EndPoint);

        var ex = await Assert.ThrowsAsync<TransportException>(() => Transports.ServerFor(again).BindAsync(again, CancellationToken.None).AsTask().WaitAsync(Timeout));
        Assert.Equal($"{listener.EndPoint}: address already in use", ex.Message);
    }

    [Fact]
    public async Task Binding_a_unix_socket_that_answers_says_address_already_in_use_but_a_stale_file_is_replaced()
    {
        string path = Path.Combine(Path.GetTempPath(), "jinan-busy-" + Guid.NewGuid().ToString("N")[..12] + ".sock");
        Uri uri = Transports.ParseEndpoint($"unix://{path}");
        await using (IConnectionListener listener = await Transports.ServerFor(uri).BindAsync(uri, CancellationToken.None).AsTask().WaitAsync(Timeout))
        {
            var ex = await Assert.ThrowsAsync<TransportException>(() => Transports.ServerFor(uri).BindAsync(uri, CancellationToken.None).AsTask().WaitAsync(Timeout));
            Assert.Equal($"unix://{path}: address already in use", ex.Message);
        }

        // A socket file whose owner no longer listens, as a crashed process leaves it (bound, never listening).
        using var orphan = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        orphan.Bind(new UnixDomainSocketEndPoint(path));
        Assert.True(File.Exists(path));
        await using IConnectionListener rebound = await Transports.ServerFor(uri).BindAsync(uri, CancellationToken.None).AsTask().WaitAsync(Timeout);
        Assert.Equal($"unix://{path}", rebound.EndPoint);
    }

    [Fact]
    public async Task Binding_a_memory_name_twice_says_address_already_in_use()
    {
        Uri uri = Transports.ParseEndpoint("memory://busy-" + Guid.NewGuid().ToString("N"));
        await using IConnectionListener listener = await Transports.ServerFor(uri).BindAsync(uri, CancellationToken.None).AsTask().WaitAsync(Timeout);
        var ex = await Assert.ThrowsAsync<TransportException>(() => Transports.ServerFor(uri).BindAsync(uri, CancellationToken.None).AsTask());
        Assert.Equal($"{listener.EndPoint}: address already in use", ex.Message);
    }

    [Theory]
    [InlineData("tcp", "connection refused")]
    [InlineData("udp", "connection refused")]
    [InlineData("memory", "connection refused")]
    [InlineData("unix", "no socket at this path")]
    public async Task Connecting_to_nobody_retries_until_the_timeout_then_names_endpoint_and_reason(string scheme, string reason)
    {
        string target = await UnusedEndpointAsync(scheme);
        Uri uri = Transports.ParseEndpoint(target + "?connectTimeoutMs=400");
        var clock = Stopwatch.StartNew();

        var ex = await Assert.ThrowsAsync<TransportException>(() => Transports.ClientFor(uri).ConnectAsync(uri, CancellationToken.None).AsTask().WaitAsync(Timeout));

        Assert.Equal($"{target}: {reason} (gave up after 0.4 s)", ex.Message);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(350), $"gave up after {clock.Elapsed}, before the timeout");
    }

    [Fact]
    public async Task A_client_started_before_its_listener_connects_once_the_listener_appears()
    {
        string target = await UnusedEndpointAsync("tcp");
        Uri uri = Transports.ParseEndpoint(target + "?connectTimeoutMs=5000");
        Task<TransportConnection> connecting = Transports.ClientFor(uri).ConnectAsync(uri, CancellationToken.None).AsTask();
        await Task.Delay(300);
        Assert.False(connecting.IsCompleted);

        await using IConnectionListener listener = await Transports.ServerFor(uri).BindAsync(uri, CancellationToken.None).AsTask().WaitAsync(Timeout);
        await using TransportConnection server = await listener.AcceptAsync(CancellationToken.None).AsTask().WaitAsync(Timeout);
        await using TransportConnection client = await connecting.WaitAsync(Timeout);
        Assert.Equal(client.LocalEndpoint, server.RemoteEndpoint);
    }

    [Fact]
    public async Task A_missing_serial_device_is_named()
    {
        Uri uri = Transports.ParseEndpoint("serial:///dev/jinan-no-such-tty?baud=115200");
        var ex = await Assert.ThrowsAsync<TransportException>(() => Transports.ClientFor(uri).ConnectAsync(uri, CancellationToken.None).AsTask());
        Assert.Equal("serial:///dev/jinan-no-such-tty: no such serial device", ex.Message);
        ex = await Assert.ThrowsAsync<TransportException>(() => Transports.ServerFor(uri).BindAsync(uri, CancellationToken.None).AsTask());
        Assert.Equal("serial:///dev/jinan-no-such-tty: no such serial device", ex.Message);
    }

    [Fact]
    public async Task A_serial_device_already_open_is_reported_busy()
    {
        await using SocatPtyPair socat = await SocatPtyPair.StartAsync();
        Uri uri = Transports.ParseEndpoint($"serial://{socat.FirstPath}");
        await using TransportConnection first = await Transports.ClientFor(uri).ConnectAsync(uri, CancellationToken.None).AsTask().WaitAsync(Timeout);
        var ex = await Assert.ThrowsAsync<TransportException>(() => Transports.ClientFor(uri).ConnectAsync(uri, CancellationToken.None).AsTask());
        Assert.Equal($"serial://{socat.FirstPath}: device busy (already open in this process)", ex.Message);
    }

    [Fact]
    public async Task A_tcp_listener_on_port_zero_reports_the_real_port()
    {
        Uri uri = Transports.ParseEndpoint("tcp://127.0.0.1:0");
        await using IConnectionListener listener = await Transports.ServerFor(uri).BindAsync(uri, CancellationToken.None).AsTask().WaitAsync(Timeout);
        var bound = new Uri(listener.EndPoint);
        Assert.Equal("127.0.0.1", bound.Host);
        Assert.NotEqual(0, bound.Port);
    }

    [Fact]
    public async Task Udp_writes_are_cut_into_datagrams_no_larger_than_the_mtu()
    {
        // A raw socket plays the listener, so the datagrams on the wire are seen as they are.
        using var raw = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        raw.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)raw.LocalEndPoint!).Port;
        Uri uri = Transports.ParseEndpoint($"udp://127.0.0.1:{port}?mtu=100");
        Task<TransportConnection> connecting = Transports.ClientFor(uri).ConnectAsync(uri, CancellationToken.None).AsTask();

        byte[] buffer = new byte[65536];
        EndPoint from = new IPEndPoint(IPAddress.Any, 0);
        SocketReceiveFromResult open = await raw.ReceiveFromAsync(buffer, SocketFlags.None, from).WaitAsync(Timeout);
        Assert.Equal(1, open.ReceivedBytes);
        Assert.Equal(0x01, buffer[0]);
        await raw.SendToAsync(new byte[] { 0x03 }, SocketFlags.None, open.RemoteEndPoint);
        await using TransportConnection client = await connecting.WaitAsync(Timeout);

        byte[] data = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("0123456789", 100)));
        await client.Output.WriteAsync(data).AsTask().WaitAsync(Timeout);
        var stream = new List<byte>();
        while (stream.Count < data.Length)
        {
            int n = await raw.ReceiveAsync(buffer.AsMemory(), SocketFlags.None).AsTask().WaitAsync(Timeout);
            Assert.InRange(n, 2, 100);
            Assert.Equal(0x00, buffer[0]);
            stream.AddRange(buffer.AsSpan(1, n - 1).ToArray());
        }

        Assert.Equal(data, stream.ToArray());
        await client.Output.CompleteAsync();
        int fin = await raw.ReceiveAsync(buffer.AsMemory(), SocketFlags.None).AsTask().WaitAsync(Timeout);
        Assert.Equal(1, fin);
        Assert.Equal(0x02, buffer[0]);
    }

    private static async Task<string> UnusedEndpointAsync(string scheme)
    {
        switch (scheme)
        {
            case "memory":
                return "memory://nobody-" + Guid.NewGuid().ToString("N");
            case "unix":
                return "unix://" + Path.Combine(Path.GetTempPath(), "jinan-nobody-" + Guid.NewGuid().ToString("N")[..12] + ".sock");
            default:
                // Bind port 0 to learn a free port, then release it.
                Uri uri = Transports.ParseEndpoint($"{scheme}://127.0.0.1:0");
                IConnectionListener probe = await Transports.ServerFor(uri).BindAsync(uri, CancellationToken.None).AsTask().WaitAsync(Timeout);
                string endPoint = probe.EndPoint;
                await probe.DisposeAsync();
                return endPoint;
        }
    }
}
