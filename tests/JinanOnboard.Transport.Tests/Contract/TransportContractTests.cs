using System.IO.Pipelines;

namespace JinanOnboard.Transport.Tests.Contract;

/// <summary>
/// The behaviour every transport promises the link layer. One derived class per transport supplies a connected
/// pair and states the few things its medium cannot do (a serial line has no end-of-stream signal).
/// Every await is bounded so a broken transport fails the test instead of hanging it.
/// </summary>
public abstract class TransportContractTests
{
    protected static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>Bytes for the large-transfer test; enough to overrun every pipe and kernel buffer on the way.</summary>
    protected virtual int LargeTransferBytes => 32 << 20;

    /// <summary>Whether completing Output / disposing is visible to the peer as end of stream.</summary>
    protected virtual bool SignalsEndOfStream => true;

    /// <summary>Whether a writer stalls while nobody reads (false for datagrams: the network just drops).</summary>
    protected virtual bool HasEndToEndBackPressure => true;

    /// <summary>URI the listener binds.</summary>
    protected abstract string BindEndpoint();

    /// <summary>URI the client connects to, given the bound listener.</summary>
    protected virtual string ConnectEndpoint(IConnectionListener listener) => listener.EndPoint;

    /// <summary>Anything that must outlive the pair (a socat process); disposed after it.</summary>
    protected virtual Task<IAsyncDisposable?> PrepareAsync() => Task.FromResult<IAsyncDisposable?>(null);

    /// <summary>Decorates the client end (the emulated-link variant wraps it); identity by default.</summary>
    protected virtual TransportConnection WrapClient(TransportConnection client) => client;

    protected async Task<ConnectedPair> ConnectAsync()
    {
        using var cts = new CancellationTokenSource(Timeout);
        IAsyncDisposable? extra = await PrepareAsync().WaitAsync(Timeout);
        Uri bind = Transports.ParseEndpoint(BindEndpoint());
        IConnectionListener listener = await Transports.ServerFor(bind).BindAsync(bind, cts.Token).AsTask().WaitAsync(Timeout);
        Task<TransportConnection> accept = listener.AcceptAsync(cts.Token).AsTask();
        Uri target = Transports.ParseEndpoint(ConnectEndpoint(listener));
        TransportConnection client = WrapClient(await Transports.ClientFor(target).ConnectAsync(target, cts.Token).AsTask().WaitAsync(Timeout));
        TransportConnection server = await accept.WaitAsync(Timeout);
        return new ConnectedPair(client, server, listener, extra);
    }

    [Fact]
    public async Task Connect_and_accept_report_endpoints_of_the_scheme()
    {
        await using ConnectedPair pair = await ConnectAsync();
        string scheme = new Uri(BindEndpoint()).Scheme;
        Assert.StartsWith(scheme + "://", pair.Listener.EndPoint, StringComparison.Ordinal);
        Assert.StartsWith(scheme + "://", pair.Client.LocalEndpoint, StringComparison.Ordinal);
        Assert.StartsWith(scheme + "://", pair.Client.RemoteEndpoint, StringComparison.Ordinal);
        Assert.StartsWith(scheme + "://", pair.Server.LocalEndpoint, StringComparison.Ordinal);
        Assert.StartsWith(scheme + "://", pair.Server.RemoteEndpoint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bytes_flow_both_ways_in_order()
    {
        await using ConnectedPair pair = await ConnectAsync();
        using var cts = new CancellationTokenSource(Timeout);
        byte[] up = PipeIo.Pattern(50_000, salt: 1);
        byte[] down = PipeIo.Pattern(70_000, salt: 2);

        // Odd write sizes so the receiver sees the stream cut at places the writer did not choose.
        Task writeUp = PipeIo.WriteAllAsync(pair.Client.Output, up, 777, cts.Token);
        Task writeDown = PipeIo.WriteAllAsync(pair.Server.Output, down, 1_001, cts.Token);
        byte[] gotUp = await PipeIo.ReadExactlyAsync(pair.Server.Input, up.Length, cts.Token).WaitAsync(Timeout);
        byte[] gotDown = await PipeIo.ReadExactlyAsync(pair.Client.Input, down.Length, cts.Token).WaitAsync(Timeout);
        await Task.WhenAll(writeUp, writeDown).WaitAsync(Timeout);

        Assert.Equal(up, gotUp);
        Assert.Equal(down, gotDown);
    }

    [Fact]
    public async Task Large_transfer_arrives_whole_and_the_writer_waits_for_a_slow_reader()
    {
        await using ConnectedPair pair = await ConnectAsync();
        using var cts = new CancellationTokenSource(Timeout * 3);
        byte[] data = PipeIo.Pattern(LargeTransferBytes, salt: 3);
        Task<byte[]>? earlyReader = HasEndToEndBackPressure ? null : PipeIo.ReadExactlyAsync(pair.Server.Input, data.Length, cts.Token);
        Task writer = PipeIo.WriteAllAsync(pair.Client.Output, data, 64 * 1024, cts.Token);

        if (HasEndToEndBackPressure)
        {
            // Nobody reads yet: the buffers on the way fill and the writer's flush must hold it back.
            await Task.Delay(300);
            Assert.False(writer.IsCompleted, "writer finished although nobody read: no back-pressure");
        }

        byte[] received = await (earlyReader ?? PipeIo.ReadExactlyAsync(pair.Server.Input, data.Length, cts.Token)).WaitAsync(Timeout * 3);
        await writer.WaitAsync(Timeout);
        Assert.Equal(data.Length, received.Length);
        Assert.True(data.AsSpan().SequenceEqual(received), "large transfer corrupted or reordered");
    }

    [Fact]
    public async Task Completing_output_half_closes_and_the_other_direction_still_works()
    {
        await using ConnectedPair pair = await ConnectAsync();
        using var cts = new CancellationTokenSource(Timeout);
        await pair.Client.Output.WriteAsync("ping"u8.ToArray(), cts.Token).AsTask().WaitAsync(Timeout);
        await pair.Client.Output.CompleteAsync();

        if (SignalsEndOfStream)
        {
            byte[] got = await PipeIo.ReadToEndAsync(pair.Server.Input, cts.Token).WaitAsync(Timeout);
            Assert.Equal("ping"u8.ToArray(), got);
        }
        else
        {
            byte[] got = await PipeIo.ReadExactlyAsync(pair.Server.Input, 4, cts.Token).WaitAsync(Timeout);
            Assert.Equal("ping"u8.ToArray(), got);
            await AssertNoEndOfStreamAsync(pair.Server.Input);
        }

        await pair.Server.Output.WriteAsync("pong"u8.ToArray(), cts.Token).AsTask().WaitAsync(Timeout);
        await pair.Server.Output.CompleteAsync();
        byte[] back = SignalsEndOfStream
            ? await PipeIo.ReadToEndAsync(pair.Client.Input, cts.Token).WaitAsync(Timeout)
            : await PipeIo.ReadExactlyAsync(pair.Client.Input, 4, cts.Token).WaitAsync(Timeout);
        Assert.Equal("pong"u8.ToArray(), back);
    }

    [Fact]
    public async Task Disposing_one_end_ends_the_peers_input()
    {
        await using ConnectedPair pair = await ConnectAsync();
        using var cts = new CancellationTokenSource(Timeout);
        await pair.Client.Output.WriteAsync("last words"u8.ToArray(), cts.Token).AsTask().WaitAsync(Timeout);
        await pair.Client.DisposeAsync().AsTask().WaitAsync(Timeout);

        if (SignalsEndOfStream)
        {
            byte[] got = await PipeIo.ReadToEndAsync(pair.Server.Input, cts.Token).WaitAsync(Timeout);
            Assert.Equal("last words"u8.ToArray(), got);
        }
        else
        {
            byte[] got = await PipeIo.ReadExactlyAsync(pair.Server.Input, 10, cts.Token).WaitAsync(Timeout);
            Assert.Equal("last words"u8.ToArray(), got);
        }
    }

    [Fact]
    public async Task A_pending_read_can_be_cancelled_and_no_data_is_lost_after()
    {
        await using ConnectedPair pair = await ConnectAsync();
        using (var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100)))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(
                () => pair.Server.Input.ReadAsync(cancel.Token).AsTask().WaitAsync(Timeout));
        }

        using var cts = new CancellationTokenSource(Timeout);
        await pair.Client.Output.WriteAsync("after"u8.ToArray(), cts.Token).AsTask().WaitAsync(Timeout);
        byte[] got = await PipeIo.ReadExactlyAsync(pair.Server.Input, 5, cts.Token).WaitAsync(Timeout);
        Assert.Equal("after"u8.ToArray(), got);
    }

    [Fact]
    public async Task Both_ends_write_and_read_at_once_without_deadlock()
    {
        await using ConnectedPair pair = await ConnectAsync();
        using var cts = new CancellationTokenSource(Timeout * 2);
        int length = Math.Min(LargeTransferBytes, 4 << 20);
        byte[] up = PipeIo.Pattern(length, salt: 4);
        byte[] down = PipeIo.Pattern(length, salt: 5);

        // Each side writes more than the buffers hold before reading; only full duplex gets through.
        Task<byte[]>[] reads =
        [
            Task.Run(async () => { await PipeIo.WriteAllAsync(pair.Client.Output, up, 16 * 1024, cts.Token); return Array.Empty<byte>(); }),
            Task.Run(async () => { await PipeIo.WriteAllAsync(pair.Server.Output, down, 16 * 1024, cts.Token); return Array.Empty<byte>(); }),
            Task.Run(() => PipeIo.ReadExactlyAsync(pair.Server.Input, length, cts.Token)),
            Task.Run(() => PipeIo.ReadExactlyAsync(pair.Client.Input, length, cts.Token)),
        ];
        byte[][] results = await Task.WhenAll(reads).WaitAsync(Timeout * 2);

        Assert.True(up.AsSpan().SequenceEqual(results[2]), "client-to-server bytes differ");
        Assert.True(down.AsSpan().SequenceEqual(results[3]), "server-to-client bytes differ");
    }

    private static async Task AssertNoEndOfStreamAsync(PipeReader reader)
    {
        using var quiet = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reader.ReadAsync(quiet.Token).AsTask());
    }
}
