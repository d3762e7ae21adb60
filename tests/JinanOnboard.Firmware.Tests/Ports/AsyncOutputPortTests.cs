using JinanOnboard.Runtime.Ports;

namespace JinanOnboard.Firmware.Tests.Ports;

public sealed class AsyncOutputPortTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Fan_out_calls_every_handler_in_connection_order()
    {
        var port = new AsyncOutputPort<int>("tick");
        var log = new List<string>();
        port.ConnectTo((v, _) => { log.Add($"a{v}"); return ValueTask.CompletedTask; });
        port.ConnectTo((v, _) => { log.Add($"b{v}"); return ValueTask.CompletedTask; });
        port.ConnectTo((v, _) => { log.Add($"c{v}"); return ValueTask.CompletedTask; });

        await port.InvokeAsync(1, CancellationToken.None).AsTask().WaitAsync(Timeout);
        await port.InvokeAsync(2, CancellationToken.None).AsTask().WaitAsync(Timeout);

        Assert.Equal(["a1", "b1", "c1", "a2", "b2", "c2"], log);
    }

    [Fact]
    public async Task A_slow_handler_holds_back_the_next_one_back_pressure()
    {
        var port = new AsyncOutputPort<int>("send");
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var log = new List<string>();
        port.ConnectTo(async (v, _) =>
        {
            log.Add("slow-start");
            await gate.Task;
            log.Add("slow-end");
        });
        port.ConnectTo((v, _) => { log.Add("fast"); return ValueTask.CompletedTask; });

        Task invoke = port.InvokeAsync(1, CancellationToken.None).AsTask();
        Assert.False(invoke.IsCompleted);
        Assert.Equal(["slow-start"], log);

        gate.SetResult();
        await invoke.WaitAsync(Timeout);
        Assert.Equal(["slow-start", "slow-end", "fast"], log);
    }

    [Fact]
    public async Task The_token_is_passed_to_each_handler_and_an_unconnected_port_does_nothing()
    {
        var unconnected = new AsyncOutputPort<int>("idle");
        Assert.False(unconnected.IsConnected);
        await unconnected.InvokeAsync(1, CancellationToken.None).AsTask().WaitAsync(Timeout);

        var port = new AsyncOutputPort<int>("send");
        using var cts = new CancellationTokenSource();
        CancellationToken seen = default;
        port.ConnectTo((_, ct) => { seen = ct; return ValueTask.CompletedTask; });
        await port.InvokeAsync(1, cts.Token).AsTask().WaitAsync(Timeout);

        Assert.True(port.IsConnected);
        Assert.Equal(cts.Token, seen);
        Assert.Throws<ArgumentNullException>(() => port.ConnectTo(null!));
    }

    [Fact]
    public async Task An_exception_in_a_handler_reaches_the_caller_and_skips_later_handlers()
    {
        var port = new AsyncOutputPort<int>("send");
        bool secondCalled = false;
        port.ConnectTo((_, _) => throw new FormatException("bad"));
        port.ConnectTo((_, _) => { secondCalled = true; return ValueTask.CompletedTask; });

        await Assert.ThrowsAsync<FormatException>(() => port.InvokeAsync(1, CancellationToken.None).AsTask().WaitAsync(Timeout));
        Assert.False(secondCalled);
    }
}
