using System.Net;
using System.Net.Sockets;
using JinanOnboard.Devices.Mirrors.PiE727;
using JinanOnboard.Devices.Simulated.PiE727;
using JinanOnboard.Devices.Tests.TimeTagger;

namespace JinanOnboard.Devices.Tests.PiE727;

/// <summary>The real E-727 binding wired to the simulated controller, in memory or over loopback TCP.</summary>
internal sealed class E727Session : IAsyncDisposable
{
    public static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Replies must arrive in tests that do not test timeouts, even when the shared machine stalls a thread.</summary>
    private static readonly PiE727Options Patient = new() { ReplyTimeout = TimeSpan.FromSeconds(2) };

    private readonly CancellationTokenSource stop;
    private readonly Task? serve;
    private SimulatedE727TcpServer? server;

    private E727Session(SimulatedE727 simulator, PiE727Controller controller, CountingStream wire, Task? serve, SimulatedE727TcpServer? server, CancellationTokenSource stop)
    {
        this.stop = stop;
        Simulator = simulator;
        Controller = controller;
        Wire = wire;
        this.serve = serve;
        this.server = server;
    }

    public SimulatedE727 Simulator { get; }

    public PiE727Controller Controller { get; }

    /// <summary>The host end of the wire, counting every byte the binding writes.</summary>
    public CountingStream Wire { get; }

    public static E727Session InMemory(SimulatedE727Options? simulatorOptions = null, PiE727Options? options = null)
    {
        var simulator = new SimulatedE727(simulatorOptions) { RecordLines = true };
        (Stream host, Stream device) = DuplexPipe.CreatePair();
        var wire = new CountingStream(host);
        var stop = new CancellationTokenSource();
        Task serve = SimulatedE727Session.RunAsync(simulator, device, stop.Token);
        var controller = new PiE727Controller(wire, "E-727 (in-memory)", shouldDispose: true, options ?? Patient);
        return new E727Session(simulator, controller, wire, serve, null, stop);
    }

    public static async Task<E727Session> OverTcpAsync(SimulatedE727Options? simulatorOptions = null, PiE727Options? options = null)
    {
        var simulator = new SimulatedE727(simulatorOptions);
        var server = new SimulatedE727TcpServer(simulator, IPAddress.Loopback, port: 0);
        var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync(IPAddress.Loopback, server.Port).WaitAsync(TestTimeout);
        var wire = new CountingStream(client.GetStream());
        var controller = new PiE727Controller(wire, $"E-727 tcp://127.0.0.1:{server.Port}", shouldDispose: true, options ?? Patient);
        return new E727Session(simulator, controller, wire, null, server, new CancellationTokenSource());
    }

    /// <summary>Stops the TCP simulator (closing its connections) while the binding stays up.</summary>
    public async Task DisposeServerAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
            server = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Controller.DisposeAsync();
        await stop.CancelAsync();
        if (serve is not null)
        {
            await serve.WaitAsync(TestTimeout);
        }

        await DisposeServerAsync();
        stop.Dispose();
    }
}

/// <summary>A pass-through stream that counts the bytes written to it: "nothing went on the wire" is checkable.</summary>
internal sealed class CountingStream(Stream inner) : Stream
{
    private long bytesWritten;

    public long BytesWritten => Interlocked.Read(ref bytesWritten);

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReadAsync(buffer, cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Interlocked.Add(ref bytesWritten, buffer.Length);
        return inner.WriteAsync(buffer, cancellationToken);
    }

    public override void Write(byte[] buffer, int offset, int count)
    {
        Interlocked.Add(ref bytesWritten, count);
        inner.Write(buffer, offset, count);
    }

    public override void Flush() => inner.Flush();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync();
        await base.DisposeAsync();
    }
}
