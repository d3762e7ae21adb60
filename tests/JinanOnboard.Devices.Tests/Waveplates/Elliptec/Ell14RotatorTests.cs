using JinanOnboard.Devices.Simulated.Elliptec;
using JinanOnboard.Devices.Waveplates.Elliptec;

namespace JinanOnboard.Devices.Tests.Waveplates.Elliptec;

/// <summary>The ELL14 driver against the simulated modules, in process: identity, motion, several modules, faults.</summary>
public sealed class Ell14RotatorTests
{
    private static readonly TimeSpan Timeout = ElliptecSession.TestTimeout;

    /// <summary>One pulse of an ELL14, degrees: the resolution of every angle it reports.</summary>
    private const double PulseDegrees = 360.0 / 143_360;

    [Fact]
    public async Task Probe_parses_the_IN_reply_of_an_ELL14()
    {
        await using var session = ElliptecSession.InMemory();
        session.AddFastEll14(2, "11401234");

        ElliptecDeviceInfo info = await Ell14Rotator.ProbeAsync(session.Bus, 2).AsTask().WaitAsync(Timeout);

        Assert.Equal(2, info.Address);
        Assert.Equal(14, info.ModuleType);
        Assert.Equal("11401234", info.SerialNumber);
        Assert.Equal(2023, info.Year);
        Assert.Equal(0x17, info.FirmwareRelease);
        Assert.False(info.ImperialThread);
        Assert.Equal(360, info.Travel);
        Assert.Equal(143_360, info.PulsesPerUnit);
        Assert.Equal("Thorlabs ELL14 s/n 11401234 fw 0x17 at address 2", info.ToString());
    }

    [Fact]
    public async Task Home_then_move_returns_the_angle_the_module_stopped_at()
    {
        await using var session = ElliptecSession.InMemory();
        SimulatedEll14 module = session.AddFastEll14(0);
        Ell14Rotator rotator = await Ell14Rotator.OpenAsync(session.Bus, 0).AsTask().WaitAsync(Timeout);

        await rotator.HomeAsync().AsTask().WaitAsync(Timeout);
        Assert.Equal(0, module.PositionPulses);

        double reported = await rotator.MoveToAsync(45.0).AsTask().WaitAsync(Timeout);
        double read = await rotator.GetAngleAsync().AsTask().WaitAsync(Timeout);

        Assert.Equal(45.0, reported, PulseDegrees);
        Assert.Equal(reported, read);
        Assert.Equal(143_360 / 8, module.PositionPulses);
        Assert.Equal(ElliptecStatus.Ok, await rotator.GetStatusAsync().AsTask().WaitAsync(Timeout));
        Assert.False(rotator.IsFaulted);
    }

    [Fact]
    public async Task Three_modules_on_one_bus_each_answer_to_their_own_address()
    {
        await using var session = ElliptecSession.InMemory();
        SimulatedEll14[] modules = [session.AddFastEll14(1, "11400001"), session.AddFastEll14(2, "11400002"), session.AddFastEll14(3, "11400003")];
        Ell14Rotator[] rotators = await Task.WhenAll(
            new[] { 1, 2, 3 }.Select(a => Ell14Rotator.OpenAsync(session.Bus, a).AsTask())).WaitAsync(Timeout);
        double[] targets = [22.5, 67.5, 112.5]; // QWP - HWP - QWP

        double[] reached = await Task.WhenAll(
            rotators.Select((r, i) => r.MoveToAsync(targets[i]).AsTask())).WaitAsync(Timeout);

        for (int i = 0; i < 3; i++)
        {
            Assert.Equal($"11400{i + 1:D3}", rotators[i].Info.SerialNumber);
            Assert.Equal(targets[i], reached[i], PulseDegrees);
            Assert.Equal(targets[i], modules[i].AngleDegrees, PulseDegrees);
            Assert.Equal(2, modules[i].CommandsReceived); // in, ma: nothing meant for a neighbour reached it
        }
    }

    [Theory]
    [InlineData(360.0)]
    [InlineData(-0.001)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public async Task An_angle_outside_0_to_360_is_refused_before_anything_is_sent(double angle)
    {
        await using var session = ElliptecSession.InMemory();
        session.AddFastEll14(0);
        Ell14Rotator rotator = await Ell14Rotator.OpenAsync(session.Bus, 0).AsTask().WaitAsync(Timeout);
        long sentBefore = session.Simulator.BytesReceived;

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => rotator.MoveToAsync(angle).AsTask());

        Assert.Equal(sentBefore, session.Simulator.BytesReceived);
    }

    [Fact]
    public async Task A_silent_module_times_out_is_retried_then_reports_a_fault_and_recovers()
    {
        await using var session = ElliptecSession.InMemory();
        SimulatedEll14 module = session.AddFastEll14(5);
        Ell14Rotator rotator = await Ell14Rotator.OpenAsync(session.Bus, 5).AsTask().WaitAsync(Timeout);
        // Counted from here: on a loaded machine the opening 'in' may itself have been retried once.
        long commandsBefore = module.CommandsReceived, retriesBefore = session.Bus.Retries;
        module.StopAnswering = true;

        ElliptecTimeoutException ex = await Assert.ThrowsAsync<ElliptecTimeoutException>(() => rotator.GetAngleAsync().AsTask().WaitAsync(Timeout));

        Assert.Equal(5, ex.Address);
        Assert.Contains("Elliptec module 5: no reply to '5gp'", ex.Message, StringComparison.Ordinal);
        Assert.Equal(3, module.CommandsReceived - commandsBefore); // gp once and twice again
        Assert.Equal(2, session.Bus.Retries - retriesBefore);
        Assert.True(rotator.IsFaulted);
        Assert.Same(ex, rotator.LastFault);

        module.StopAnswering = false;
        await rotator.GetAngleAsync().AsTask().WaitAsync(Timeout);
        Assert.False(rotator.IsFaulted);
    }

    [Fact]
    public async Task A_garbled_reply_is_a_typed_error_naming_the_module_and_the_bytes_and_is_not_retried()
    {
        await using var session = ElliptecSession.InMemory();
        SimulatedEll14 module = session.AddFastEll14(2);
        Ell14Rotator rotator = await Ell14Rotator.OpenAsync(session.Bus, 2).AsTask().WaitAsync(Timeout);
        long commandsBefore = module.CommandsReceived;
        module.GarbleReplies = true;

        ElliptecProtocolException ex = await Assert.ThrowsAsync<ElliptecProtocolException>(() => rotator.GetAngleAsync().AsTask().WaitAsync(Timeout));

        Assert.StartsWith("Elliptec module 2: garbled reply to '2gp' [32 50 4F B0 B0 B0 B0 B3 B0 B3 B9 \"2PO", ex.Message, StringComparison.Ordinal);
        Assert.Equal(11, ex.Bytes.Count);
        Assert.Equal(1, module.CommandsReceived - commandsBefore); // not retried
        Assert.True(rotator.IsFaulted);
    }

    [Fact]
    public async Task An_error_status_instead_of_a_position_is_reported_with_its_code()
    {
        await using var session = ElliptecSession.InMemory();
        SimulatedEll14 module = session.AddFastEll14(0);
        Ell14Rotator rotator = await Ell14Rotator.OpenAsync(session.Bus, 0).AsTask().WaitAsync(Timeout);
        module.ForcedStatus = 0x02;

        ElliptecStatusException ex = await Assert.ThrowsAsync<ElliptecStatusException>(() => rotator.MoveToAsync(90).AsTask().WaitAsync(Timeout));

        Assert.Equal(ElliptecStatus.MechanicalTimeout, ex.Status);
        Assert.Contains("reported status 0x02 (MechanicalTimeout)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_move_longer_than_the_motion_timeout_is_sent_again_and_the_busy_reply_skipped()
    {
        await using var session = ElliptecSession.InMemory(ElliptecSession.FastOptions with { MotionTimeout = TimeSpan.FromMilliseconds(300) });
        SimulatedEll14 module = session.Simulator.AddEll14(0, initialPulses: 0);
        module.SpeedDegreesPerSecond = 360; // 180 degrees take 500 ms
        Ell14Rotator rotator = await Ell14Rotator.OpenAsync(session.Bus, 0).AsTask().WaitAsync(Timeout);

        double reached = await rotator.MoveToAsync(180).AsTask().WaitAsync(Timeout);

        Assert.Equal(180, reached, PulseDegrees);
        Assert.InRange(session.Bus.Retries, 1, 2); // the re-sent 'ma' found the module busy (GS09) and waited for its PO
        Assert.False(rotator.IsFaulted);
    }

    [Fact]
    public async Task An_unknown_module_type_is_refused()
    {
        await using var session = ElliptecSession.InMemory();
        var ell18 = new ElliptecDeviceInfo(0, 0x12, "11800000", 2023, 0x17, false, 1, 360, 262_144);

        ArgumentException ex = Assert.Throws<ArgumentException>(() => new Ell14Rotator(session.Bus, ell18));

        Assert.Contains("is an ELL18, not an ELL14", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0ma00023000", "GS", "04")] // one full turn: past the last pulse
    [InlineData("0ma0000Z000", "GS", "03")] // not hex
    [InlineData("0xx", "GS", "03")]         // no such command
    [InlineData("0gs", "GS", "00")]
    [InlineData("0gp", "PO", "00003039")]  // the simulator's power-on position, 12345 pulses
    public async Task The_simulated_module_answers_raw_packets_as_the_manual_says(string packet, string header, string data)
    {
        await using var session = ElliptecSession.InMemory();
        session.AddFastEll14(0);

        ElliptecReply reply = await session.Bus.ExchangeAsync(0, System.Text.Encoding.ASCII.GetBytes(packet), motion: false).AsTask().WaitAsync(Timeout);

        Assert.Equal(header, reply.Header);
        Assert.Equal(data, reply.Data);
    }
}
