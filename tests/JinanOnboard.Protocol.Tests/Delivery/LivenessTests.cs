using JinanOnboard.Protocol.Delivery;
using Microsoft.Extensions.Time.Testing;

namespace JinanOnboard.Protocol.Tests.Delivery;

public sealed class LivenessTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void Silence_longer_than_the_loss_of_link_time_is_loss_of_link()
    {
        var liveness = new Liveness(_time, Timeout);
        _time.Advance(Timeout);
        liveness.ThrowIfLost();
        _time.Advance(TimeSpan.FromMilliseconds(1));
        LinkLostException e = Assert.Throws<LinkLostException>(liveness.ThrowIfLost);
        Assert.Contains("no valid frame from the peer for 5.0 s", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_valid_frame_restarts_the_silence_clock()
    {
        var liveness = new Liveness(_time, Timeout);
        _time.Advance(TimeSpan.FromSeconds(4));
        liveness.Heard();
        _time.Advance(TimeSpan.FromSeconds(4));
        liveness.ThrowIfLost();
    }

    [Fact]
    public void Silence_while_closing_is_expected()
    {
        var liveness = new Liveness(_time, Timeout);
        liveness.BeginClosing();
        _time.Advance(TimeSpan.FromMinutes(1));
        liveness.ThrowIfLost();
        Assert.True(liveness.IsClosing);
    }
}
