using JinanOnboard.Devices.Fsm;

namespace JinanOnboard.Devices.Tests.Fsm;

public sealed class FastSteeringMirrorTests
{
    [Fact]
    public void Wrong_who_am_i_is_refused()
    {
        IOException ex = Assert.Throws<IOException>(() => new FastSteeringMirror(new FakeFsmBus(whoAmI: 0x12)));
        Assert.Contains("WHO_AM_I = 0x12", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Control_register_round_trips_enable_closed_loop_and_reset()
    {
        var bus = new FakeFsmBus();
        using var fsm = new FastSteeringMirror(bus);

        fsm.Enable(closedLoop: true);
        Assert.Equal(0x03, bus.Registers[0x01]);
        Assert.True(fsm.IsEnabled);
        fsm.Enable(closedLoop: false);
        Assert.Equal(0x01, bus.Registers[0x01]);
        fsm.Disable();
        Assert.False(fsm.IsEnabled);
        fsm.Reset();
        Assert.Equal(new byte[] { 0x01, 0x80 }, bus.Writes[^1]);
        Assert.Equal(1, bus.Resets);
    }

    [Fact]
    public void Setpoints_are_written_in_one_big_endian_burst_and_read_back()
    {
        var bus = new FakeFsmBus();
        using var fsm = new FastSteeringMirror(bus);

        fsm.SetAngle(12.5, -3.0);

        // 12.5 urad = 125 LSB = 0x007D; -3.0 urad = -30 LSB = 0xFFE2.
        Assert.Equal(new byte[] { 0x10, 0x00, 0x7D, 0xFF, 0xE2 }, bus.Writes[^1]);
        Assert.Equal((12.5, -3.0), fsm.GetSetpoint());
    }

    [Fact]
    public void Position_and_status_are_decoded_from_their_registers()
    {
        var bus = new FakeFsmBus();
        using var fsm = new FastSteeringMirror(bus);
        bus.Registers[0x14] = 0x80; // X = -32768 LSB
        bus.Registers[0x15] = 0x00;
        bus.Registers[0x16] = 0x7F; // Y = +32767 LSB
        bus.Registers[0x17] = 0xFF;
        bus.Registers[0x02] = 0x05;

        (double x, double y) = fsm.GetPosition();

        Assert.Equal(-3276.8, x, 9);
        Assert.Equal(3276.7, y, 9);
        Assert.Equal(FsmStatus.Ready | FsmStatus.YSaturated, fsm.Status);
    }

    [Fact]
    public void Angles_beyond_the_range_are_refused_before_touching_the_bus()
    {
        var bus = new FakeFsmBus();
        using var fsm = new FastSteeringMirror(bus);
        int writes = bus.Writes.Count;

        Assert.Throws<ArgumentOutOfRangeException>(() => fsm.SetAngle(3_300, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => fsm.SetAngle(0, double.NaN));
        Assert.Equal(writes, bus.Writes.Count);
    }
}
