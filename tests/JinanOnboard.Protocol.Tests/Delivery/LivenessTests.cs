using JinanOnboard.Protocol.Delivery;
using Microsoft.Extensions.Time.Testing;

namespace JinanOnboard.Protocol.Tests.Delivery;

public sealed class LivenessTests
{
    private static readonly LinkSessionOptions Options = new()
    {
        SessionId = 1,
        LossOfLinkTimeout = TimeSpan.FromSeconds(5),
        GiveUpTimeout = TimeSpan.FromSeconds(20),
        NoProgressTimeout = TimeSpan.FromSeconds(10),
    };

    private readonly FakeTimeProvider _time = new();
    private readonly LinkStatistics _statistics = new();
    private TimeSpan _pass = TimeSpan.FromSeconds(100);

    [Fact]
    public void Before_the_handshake_silence_for_the_loss_of_link_time_ends_the_session()
    {
        Liveness liveness = Create();
        _time.Advance(Options.LossOfLinkTimeout);
        liveness.Check(waitingForAcknowledgement: false);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        LinkLostException e = Assert.Throws<LinkLostException>(() => liveness.Check(false));
        Assert.Contains("no valid frame from the peer for 5.0 s", e.Message, StringComparison.Ordinal);
        Assert.IsNotType<LinkDegradedException>(e);
    }

    [Fact]
    public void Before_the_handshake_silence_with_only_damaged_frames_arriving_is_a_degraded_link()
    {
        Liveness liveness = Create();
        _statistics.FramesReceived = 1;
        _statistics.PeerFrameSequence = 10;
        liveness.Heard();
        _statistics.FramesBadCrc = 9;
        _time.Advance(TimeSpan.FromSeconds(5.5));
        LinkDegradedException e = Assert.Throws<LinkDegradedException>(() => liveness.Check(false));
        Assert.Equal(0.9, e.FrameErrorRate, 6);
        Assert.Contains("before the handshake completed", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void After_the_handshake_silence_marks_the_link_down_and_a_valid_frame_brings_it_up_again()
    {
        Liveness liveness = Create();
        liveness.Confirmed();
        var seen = new List<LinkStateChange>();
        liveness.Changed += seen.Add;

        _time.Advance(TimeSpan.FromSeconds(5.5));
        liveness.Check(waitingForAcknowledgement: true);
        Assert.True(liveness.IsDown);
        _pass = TimeSpan.FromSeconds(110);
        _time.Advance(TimeSpan.FromSeconds(10));
        liveness.Check(true); // 15.5 s of silence: down, not yet given up
        liveness.Heard();
        Assert.False(liveness.IsDown);

        // Coming up restarts the no-progress clock: the messages that waited through the outage get their chance.
        for (int second = 0; second < 9; second++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            liveness.Heard();
            liveness.Check(true);
        }

        Assert.Equal(2, seen.Count);
        Assert.False(seen[0].Up);
        Assert.Equal(TimeSpan.FromSeconds(100), seen[0].PassTime);
        Assert.Equal(TimeSpan.FromSeconds(5.5), seen[0].SilentFor);
        Assert.True(seen[1].Up);
        Assert.Equal(TimeSpan.FromSeconds(110), seen[1].PassTime);
        Assert.Equal(TimeSpan.FromSeconds(15.5), seen[1].SilentFor);
        Assert.Equal(seen, liveness.Changes);
    }

    [Fact]
    public void Silence_past_the_give_up_time_is_loss_of_link()
    {
        Liveness liveness = Create();
        liveness.Confirmed();
        _time.Advance(TimeSpan.FromSeconds(6));
        liveness.Check(true);
        _time.Advance(TimeSpan.FromSeconds(14.5));
        LinkLostException e = Assert.Throws<LinkLostException>(() => liveness.Check(true));
        Assert.IsNotType<LinkDegradedException>(e);
        Assert.Contains("no valid frame from the peer for 20.5 s (link.give_up_s = 20 s)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Giving_up_while_only_damaged_frames_arrive_is_a_degraded_link_with_its_frame_error_rate()
    {
        Liveness liveness = Create();
        liveness.Confirmed();
        _statistics.FramesReceived = 10;
        _statistics.PeerFrameSequence = 40;
        _time.Advance(TimeSpan.FromSeconds(6));
        liveness.Check(true);
        _statistics.FramesBadCrc = 3;
        _time.Advance(TimeSpan.FromSeconds(15));
        LinkDegradedException e = Assert.Throws<LinkDegradedException>(() => liveness.Check(true));
        Assert.Equal(0.75, e.FrameErrorRate, 6);
        Assert.Contains("frame error rate 0.750", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_acknowledgement_for_the_no_progress_time_while_frames_arrive_is_a_degraded_link()
    {
        Liveness liveness = Create();
        liveness.Confirmed();
        for (int second = 0; second < 10; second++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            liveness.Heard();
            liveness.Check(true);
        }

        _time.Advance(TimeSpan.FromSeconds(0.5));
        liveness.Heard();
        Assert.Throws<LinkDegradedException>(() => liveness.Check(true));
    }

    [Fact]
    public void A_frame_error_rate_above_the_limit_for_the_whole_window_is_a_degraded_link_even_with_progress()
    {
        // Uncoded frames at BER 1e-4: 1 frame in 25 arrives, enough to acknowledge something now and then.
        Liveness liveness = Create();
        liveness.Confirmed();
        for (int second = 1; second <= 9; second++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            _statistics.PeerFrameSequence += 25;
            _statistics.FramesReceived += 1;
            liveness.Heard();
            liveness.Progressed();
            liveness.Check(true);
        }

        _time.Advance(TimeSpan.FromSeconds(1));
        _statistics.PeerFrameSequence += 25;
        _statistics.FramesReceived += 1;
        liveness.Heard();
        liveness.Progressed();
        LinkDegradedException e = Assert.Throws<LinkDegradedException>(() => liveness.Check(true));
        Assert.Equal(0.96, e.FrameErrorRate, 3);
    }

    [Fact]
    public void Half_the_frames_lost_is_carried_by_retransmission_not_degraded()
    {
        Liveness liveness = Create();
        liveness.Confirmed();
        for (int second = 1; second <= 40; second++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            _statistics.PeerFrameSequence += 100;
            _statistics.FramesReceived += 50;
            liveness.Heard();
            liveness.Progressed();
            liveness.Check(true);
        }
    }

    [Fact]
    public void Progress_or_nothing_to_acknowledge_keeps_the_watchdog_quiet()
    {
        Liveness liveness = Create();
        liveness.Confirmed();
        for (int second = 0; second < 30; second++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            liveness.Heard();
            if (second % 5 == 0)
            {
                liveness.Progressed();
            }

            liveness.Check(true);
        }

        for (int second = 0; second < 30; second++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            liveness.Heard();
            liveness.Check(false);
        }
    }

    [Fact]
    public void Silence_while_closing_is_expected()
    {
        Liveness liveness = Create();
        liveness.BeginClosing();
        _time.Advance(TimeSpan.FromMinutes(1));
        liveness.Check(true);
        Assert.True(liveness.IsClosing);
    }

    private Liveness Create() => new(_time, Options, _statistics, () => _pass);
}
