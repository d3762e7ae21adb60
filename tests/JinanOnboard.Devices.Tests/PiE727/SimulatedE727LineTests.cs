using System.Text;
using JinanOnboard.Devices.Simulated.PiE727;

namespace JinanOnboard.Devices.Tests.PiE727;

/// <summary>
/// The simulated E-727's byte path for set commands (issue 17: MOV and SVO parsed from the line's bytes): the same
/// tokens, error codes and all-or-nothing effect as the GCS manual (PZ233E) asks, whichever way the line arrives.
/// </summary>
public sealed class SimulatedE727LineTests
{
    [Theory]
    [InlineData("MOV 1 0.25 2 -0.5", 0, 0.25, -0.5)]
    [InlineData("mov  1   0.25  2 -0.5 ", 0, 0.25, -0.5)] // case and runs of spaces, as string.Split(' ', RemoveEmptyEntries)
    [InlineData("MOV 1 0.25\t 2 -5e-1", 0, 0.25, -0.5)] // a tab ends a number (NumberStyles.Float trailing white)
    [InlineData("MOV 1 0.25 2", 1, 0, 0)] // odd argument count
    [InlineData("MOV", 1, 0, 0)]
    [InlineData("MOV 1 0.25 3 0.1", 15, 0, 0)] // unknown axis: nothing moves, not even axis 1
    [InlineData("MOV 1\t0.25", 1, 0, 0)] // a tab does not separate: "1\t0.25" is one token, an odd count
    [InlineData("MOV 1 abc", 1, 0, 0)]
    [InlineData("MOV 1 NaN", 1, 0, 0)]
    [InlineData("MOV 1 0.5 2 1.5", 7, 0, 0)] // outside the travel limits
    [InlineData("MOV 1 0,5", 1, 0, 0)] // invariant culture: a comma is no decimal point
    [InlineData("SVO 1 2", 17, 0, 0)]
    [InlineData("MOVE 1 0.25", 2, 0, 0)] // unknown command, through the string path
    public void Set_command_lines_take_effect_or_set_the_manual_error(string line, int error, double target1, double target2)
    {
        var controller = new SimulatedE727(new SimulatedE727Options { ServoOnAtStart = true });

        Assert.Null(controller.Execute(Encoding.ASCII.GetBytes(line)));

        Assert.Equal($"{error}\n", Encoding.ASCII.GetString(controller.Execute("ERR?")!));
        Assert.Equal(target1, controller.TargetOf("1"));
        Assert.Equal(target2, controller.TargetOf("2"));
    }

    [Fact]
    public void A_move_with_servo_off_is_error_5_until_SVO_switches_it_on()
    {
        var controller = new SimulatedE727();

        controller.Execute("MOV 1 0.1"u8);
        Assert.Equal("5\n", Encoding.ASCII.GetString(controller.Execute("ERR?"u8)!));
        controller.Execute("svo 1 1"u8);
        controller.Execute("MOV 1 0.1"u8);

        Assert.Equal("0\n", Encoding.ASCII.GetString(controller.Execute("ERR?"u8)!));
        Assert.Equal(0.1, controller.TargetOf("1"));
    }

    [Fact]
    public void The_cable_executes_each_line_once_split_across_writes_with_CR_LF_and_records_it()
    {
        var controller = new SimulatedE727(new SimulatedE727Options { ServoOnAtStart = true }) { RecordLines = true };
        using var cable = new SimulatedE727Cable(controller);

        cable.Write("MOV 1 0.1"u8);
        cable.Write(" 2 -0.2\r\nMOV 1 0.3\n"u8);

        Assert.Equal(["MOV 1 0.1 2 -0.2", "MOV 1 0.3"], controller.Received);
        Assert.Equal(0.3, controller.TargetOf("1"));
        Assert.Equal(-0.2, controller.TargetOf("2"));
    }

    [Fact]
    public void An_overlong_line_on_the_cable_is_error_3_and_moves_nothing()
    {
        var controller = new SimulatedE727(new SimulatedE727Options { ServoOnAtStart = true, MaxLineBytes = 16 });
        using var cable = new SimulatedE727Cable(controller);

        cable.Write("MOV 1 0.1 2 -0.2000000\n"u8);

        Assert.Equal("3\n", Encoding.ASCII.GetString(controller.Execute("ERR?"u8)!));
        Assert.Equal(0, controller.TargetOf("1"));
    }

    [Fact]
    public void A_muted_controller_counts_the_line_and_does_nothing()
    {
        var controller = new SimulatedE727(new SimulatedE727Options { ServoOnAtStart = true }) { Mute = true };

        Assert.Null(controller.Execute("MOV 1 0.1"u8));

        Assert.Equal(1, controller.LinesReceived);
        Assert.Equal(0, controller.TargetOf("1"));
    }
}
