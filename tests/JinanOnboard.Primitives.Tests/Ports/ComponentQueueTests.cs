using JinanOnboard.Primitives.Ports;

namespace JinanOnboard.Primitives.Tests.Ports;

public sealed class ComponentQueueTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public void Handlers_of_several_inputs_run_in_post_order_on_the_dispatching_thread()
    {
        var queue = new ComponentQueue("component");
        var log = new List<string>();
        var threads = new List<int>();
        var numbers = new InputPort<int>("component.numbers", queue, n =>
        {
            log.Add($"n{n}");
            threads.Add(Environment.CurrentManagedThreadId);
        });
        var words = new InputPort<string>("component.words", queue, w =>
        {
            log.Add($"w{w}");
            threads.Add(Environment.CurrentManagedThreadId);
        });

        numbers.Post(1);
        words.Post("x");
        numbers.Post(2);

        Assert.Equal(3, queue.DispatchPending());
        Assert.Equal(["n1", "wx", "n2"], log);
        Assert.All(threads, id => Assert.Equal(Environment.CurrentManagedThreadId, id));
    }

    [Fact]
    public void Work_posted_by_a_handler_runs_in_the_same_dispatch()
    {
        var queue = new ComponentQueue("component");
        var log = new List<int>();
        InputPort<int>? self = null;
        self = new InputPort<int>("component.countdown", queue, n =>
        {
            log.Add(n);
            if (n > 0)
            {
                self!.Post(n - 1);
            }
        });

        self.Post(3);

        Assert.Equal(4, queue.DispatchPending());
        Assert.Equal([3, 2, 1, 0], log);
    }

    [Fact]
    public async Task RunAsync_drains_then_returns_after_Complete()
    {
        var queue = new ComponentQueue("component");
        var log = new List<int>();
        var input = new InputPort<int>("component.in", queue, log.Add);
        for (int i = 0; i < 100; i++)
        {
            input.Post(i);
        }

        queue.Complete();
        await queue.RunAsync(CancellationToken.None).WaitAsync(Timeout);

        Assert.Equal(Enumerable.Range(0, 100), log);
    }

    [Fact]
    public async Task RunAsync_returns_quietly_when_cancelled()
    {
        var queue = new ComponentQueue("component");
        using var cts = new CancellationTokenSource();
        Task run = queue.RunAsync(cts.Token);

        await cts.CancelAsync();

        await run.WaitAsync(Timeout);
        Assert.True(run.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task A_full_queue_blocks_the_producer_until_the_consumer_makes_room()
    {
        var queue = new ComponentQueue("small", capacity: 2);
        var log = new List<int>();
        var input = new InputPort<int>("small.in", queue, log.Add);
        input.Post(1);
        input.Post(2);

        Task blocked = Task.Run(() => input.Post(3));
        await Task.Delay(100);
        Assert.False(blocked.IsCompleted);

        // Draining makes room; the blocked post then lands and is dispatched next.
        int first = queue.DispatchPending();
        await blocked.WaitAsync(Timeout);
        int second = queue.DispatchPending();

        Assert.Equal(3, first + second);
        Assert.Equal([1, 2, 3], log);
    }

    [Fact]
    public void InputPort_rejects_missing_queue_or_handler()
    {
        var queue = new ComponentQueue("component");
        Assert.Throws<ArgumentNullException>(() => new InputPort<int>("x", null!, _ => { }));
        Assert.Throws<ArgumentNullException>(() => new InputPort<int>("x", queue, null!));
    }
}
