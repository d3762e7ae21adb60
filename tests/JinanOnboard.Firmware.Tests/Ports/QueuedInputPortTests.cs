using JinanOnboard.Runtime.Ports;

namespace JinanOnboard.Firmware.Tests.Ports;

public sealed class QueuedInputPortTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task The_producer_runs_on_while_the_consumer_is_busy_and_items_arrive_in_order()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handled = new List<int>();
        var port = new QueuedInputPort<int>("test", capacity: 8, async (item, _) =>
        {
            await release.Task;
            handled.Add(item);
        });
        Task consumer = port.RunAsync(CancellationToken.None);

        // The consumer is stuck on item 0, yet eight more items are accepted at once.
        for (int i = 0; i < 9; i++)
        {
            await port.EnqueueAsync(i, CancellationToken.None).AsTask().WaitAsync(Timeout);
        }

        // The queue is full now: the tenth waits until the consumer moves.
        Task tenth = port.EnqueueAsync(9, CancellationToken.None).AsTask();
        await Task.Delay(100);
        Assert.False(tenth.IsCompleted);

        release.SetResult();
        await tenth.WaitAsync(Timeout);
        port.Complete();
        await consumer.WaitAsync(Timeout);
        Assert.Equal(Enumerable.Range(0, 10), handled);
    }

    [Fact]
    public async Task Input_after_complete_is_refused()
    {
        var port = new QueuedInputPort<int>("test", capacity: 1, (_, _) => ValueTask.CompletedTask);
        port.Complete();
        await Assert.ThrowsAsync<InvalidOperationException>(() => port.EnqueueAsync(1, CancellationToken.None).AsTask());
    }

    [Fact]
    public async Task A_failing_consumer_fails_the_loop_and_the_producer()
    {
        var port = new QueuedInputPort<int>("test", capacity: 1, (item, _) =>
            item == 1 ? throw new InvalidDataException("bad item") : ValueTask.CompletedTask);
        Task consumer = port.RunAsync(CancellationToken.None);

        await port.EnqueueAsync(0, CancellationToken.None);
        await port.EnqueueAsync(1, CancellationToken.None);
        await Assert.ThrowsAsync<InvalidDataException>(() => consumer.WaitAsync(Timeout));

        await Assert.ThrowsAsync<InvalidDataException>(() => port.EnqueueAsync(2, CancellationToken.None).AsTask().WaitAsync(Timeout));
    }
}
