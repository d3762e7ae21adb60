using JinanOnboard.Protocol.Delivery;
using Microsoft.Extensions.Time.Testing;

namespace JinanOnboard.Protocol.Tests.Delivery;

public sealed class DoorbellTests
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(100);
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void Rings_coalesce_into_one_wake_up()
    {
        var bell = new Doorbell(_time);
        bell.Ring();
        bell.Ring();
        Assert.True(bell.WaitAsync(Long, CancellationToken.None).IsCompletedSuccessfully);
        Assert.False(bell.WaitAsync(Long, CancellationToken.None).IsCompleted);
    }

    [Fact]
    public async Task A_wait_ends_at_its_timeout_without_a_ring()
    {
        var bell = new Doorbell(_time);
        Task wait = bell.WaitAsync(TimeSpan.FromMilliseconds(100), CancellationToken.None);
        _time.Advance(TimeSpan.FromMilliseconds(99));
        Assert.False(wait.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        await wait.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_ring_after_a_timed_out_wait_wakes_the_next_wait()
    {
        // Regression: a timed-out wait once left its read registered with the channel, and that
        // read swallowed the next ring, so the writer slept through it until its heartbeat.
        var bell = new Doorbell(_time);
        Task first = bell.WaitAsync(TimeSpan.FromMilliseconds(100), CancellationToken.None);
        _time.Advance(TimeSpan.FromMilliseconds(100));
        await first.WaitAsync(TimeSpan.FromSeconds(5));

        Task second = bell.WaitAsync(Long, CancellationToken.None);
        bell.Ring();
        await second.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Cancellation_ends_a_wait_with_an_exception()
    {
        var bell = new Doorbell(_time);
        using var cancel = new CancellationTokenSource();
        Task wait = bell.WaitAsync(Long, cancel.Token);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);
    }
}
