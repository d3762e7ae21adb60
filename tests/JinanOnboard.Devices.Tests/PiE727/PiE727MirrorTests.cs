using JinanOnboard.Devices.Mirrors;
using JinanOnboard.Devices.Mirrors.PiE727;
using JinanOnboard.Devices.Simulated.PiE727;

namespace JinanOnboard.Devices.Tests.PiE727;

/// <summary>The mirror layer (ITipTiltMirror) over the real GCS binding against the simulated E-727.</summary>
public sealed class PiE727MirrorTests
{
    private static readonly TimeSpan Timeout = E727Session.TestTimeout;

    [Fact]
    public async Task Connect_identifies_reads_limits_in_microradians_and_switches_servo_on()
    {
        await using E727Session session = E727Session.InMemory(new SimulatedE727Options { MinPosition = -1.0, MaxPosition = 2.5 });

        PiE727Mirror mirror = await PiE727Mirror.ConnectAsync(session.Controller).WaitAsync(Timeout);

        Assert.Contains("E-727", mirror.Identity, StringComparison.Ordinal);
        Assert.Equal(new TipTiltRange(-1000, 2500, -1000, 2500), mirror.RangeMicroradians);
        Assert.Equal(["*IDN?", "PUN? 1 2", "TMN? 1 2", "TMX? 1 2", "SVO 1 1 2 1", "ERR?", "SVO? 1 2"], session.Simulator.Received);
    }

    [Fact]
    public async Task Connect_refuses_a_controller_that_is_not_an_E727()
    {
        await using E727Session session = E727Session.InMemory(new SimulatedE727Options { Identification = "(c)2019 Physik Instrumente (PI) GmbH & Co. KG, E-712, 1, 1" });

        PiE727Exception e = await Assert.ThrowsAsync<PiE727Exception>(() => PiE727Mirror.ConnectAsync(session.Controller).WaitAsync(Timeout));

        Assert.Contains("not an E-727", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Move_sends_milliradians_and_the_read_back_is_in_microradians()
    {
        await using E727Session session = E727Session.InMemory(new SimulatedE727Options { SettleTime = TimeSpan.Zero });
        PiE727Mirror mirror = await PiE727Mirror.ConnectAsync(session.Controller).WaitAsync(Timeout);

        await mirror.MoveAsync(250, -412.5).AsTask().WaitAsync(Timeout);
        TipTiltPosition position = await mirror.ReadPositionAsync().AsTask().WaitAsync(Timeout);

        Assert.Equal(["MOV 1 0.25 2 -0.4125", "ERR?", "POS? 1 2"], session.Simulator.Received.TakeLast(3));
        Assert.Equal(0.25, session.Simulator.PositionOf("1"), 12);
        Assert.Equal(250, position.XMicroradians, 6);
        Assert.Equal(-412.5, position.YMicroradians, 6);
    }

    [Theory]
    [InlineData(1000.001, 0)]
    [InlineData(0, -1000.001)]
    [InlineData(double.NaN, 0)]
    [InlineData(0, double.PositiveInfinity)]
    public async Task A_command_outside_the_range_is_refused_and_nothing_goes_on_the_wire(double x, double y)
    {
        await using E727Session session = E727Session.InMemory();
        PiE727Mirror mirror = await PiE727Mirror.ConnectAsync(session.Controller).WaitAsync(Timeout);
        long before = session.Wire.BytesWritten;

        Assert.Throws<ArgumentOutOfRangeException>(() => mirror.MoveAsync(x, y));

        Assert.Equal(before, session.Wire.BytesWritten);
        Assert.DoesNotContain(session.Simulator.Received, l => l.StartsWith("MOV", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_range_edges_themselves_are_accepted()
    {
        await using E727Session session = E727Session.InMemory();
        PiE727Mirror mirror = await PiE727Mirror.ConnectAsync(session.Controller).WaitAsync(Timeout);

        await mirror.MoveAsync(1000, -1000).AsTask().WaitAsync(Timeout);

        Assert.Equal("MOV 1 1 2 -1", session.Simulator.Received[^2]);
    }

    [Fact]
    public async Task Wait_on_target_returns_once_ONT_reports_both_axes_settled()
    {
        await using E727Session session = E727Session.InMemory(new SimulatedE727Options { SettleTime = TimeSpan.FromMilliseconds(30) });
        PiE727Mirror mirror = await PiE727Mirror.ConnectAsync(session.Controller).WaitAsync(Timeout);

        await mirror.MoveAsync(500, 500).AsTask().WaitAsync(Timeout);
        await mirror.WaitOnTargetAsync(TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(2)).WaitAsync(Timeout);
        TipTiltPosition position = await mirror.ReadPositionAsync().AsTask().WaitAsync(Timeout);

        Assert.Equal(500, position.XMicroradians, 6);
        Assert.Contains("ONT? 1 2", session.Simulator.Received);
    }

    [Fact]
    public async Task A_mirror_that_does_not_settle_times_out_without_faulting_the_binding()
    {
        await using E727Session session = E727Session.InMemory(new SimulatedE727Options { SettleTime = TimeSpan.FromSeconds(30) });
        PiE727Mirror mirror = await PiE727Mirror.ConnectAsync(session.Controller).WaitAsync(Timeout);
        await mirror.MoveAsync(500, 500).AsTask().WaitAsync(Timeout);

        await Assert.ThrowsAsync<PiE727TimeoutException>(() => mirror.WaitOnTargetAsync(TimeSpan.FromMilliseconds(40), TimeSpan.FromMilliseconds(5)).WaitAsync(Timeout));

        Assert.False(session.Controller.IsFaulted);
    }

    [Fact]
    public async Task Stop_halts_a_motion_part_way_and_the_expected_error_10_is_consumed()
    {
        await using E727Session session = E727Session.InMemory(new SimulatedE727Options { SettleTime = TimeSpan.FromSeconds(20) });
        PiE727Mirror mirror = await PiE727Mirror.ConnectAsync(session.Controller).WaitAsync(Timeout);

        await mirror.MoveAsync(900, 900).AsTask().WaitAsync(Timeout);
        await mirror.StopAsync().AsTask().WaitAsync(Timeout);
        double stoppedAt = session.Simulator.PositionOf("1");
        await Task.Delay(50);

        Assert.InRange(stoppedAt, 0, 0.1);
        Assert.Equal(stoppedAt, session.Simulator.PositionOf("1"));
        Assert.Equal(GcsErrorCode.NoError, await session.Controller.GetErrorAsync().WaitAsync(Timeout));
        bool[] onTarget = await session.Controller.GetOnTargetAsync(["1", "2"]).WaitAsync(Timeout);
        Assert.Equal([true, true], onTarget);
    }

    [Fact]
    public async Task Over_real_loopback_TCP_the_mirror_moves_and_reads_back()
    {
        await using E727Session session = await E727Session.OverTcpAsync(new SimulatedE727Options { SettleTime = TimeSpan.Zero });
        PiE727Mirror mirror = await PiE727Mirror.ConnectAsync(session.Controller).WaitAsync(Timeout);

        await mirror.MoveAsync(-123.25, 77).AsTask().WaitAsync(Timeout);
        TipTiltPosition position = await mirror.ReadPositionAsync().AsTask().WaitAsync(Timeout);

        Assert.Equal(-123.25, position.XMicroradians, 6);
        Assert.Equal(77, position.YMicroradians, 6);
        Assert.Equal(new TipTiltRange(-1000, 1000, -1000, 1000), mirror.RangeMicroradians);
    }
}
