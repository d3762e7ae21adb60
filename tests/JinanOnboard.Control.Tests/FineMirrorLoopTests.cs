using JinanOnboard.Control.Configuration;
using JinanOnboard.Control.Pointing;
using JinanOnboard.Devices.Mirrors;
using JinanOnboard.PointingBench.Plants;

namespace JinanOnboard.Control.Tests;

public sealed class FineMirrorLoopTests
{
    private static readonly MirrorSettings Mirror = new(RangeUrad: 100, ResonanceHz: 1000, DampingRatio: 0.3, SlewUradPerS: 1e9);

    private static FineLoopSettings Loop(MirrorSettings mirror) =>
        new(2000, 0.2, 900, 0, 0, 0, new CameraSettings(2000, 4000, 0, 0, 0, 0), mirror);

    [Fact]
    public async Task A_command_beyond_the_mirror_range_is_clamped_and_counted_never_thrown()
    {
        var mirror = new PiezoTipTiltMirror("test", Mirror, 1.0 / 2000, 1);
        var loop = new FineMirrorLoop(Loop(Mirror), mirror);

        // A 1 mrad error needs 500 µrad of mechanical tilt; the mirror has 100.
        for (int k = 0; k < 200; k++)
        {
            await loop.StepAsync(new CentroidFrame(k / 2000.0, 1000 - (2 * mirror.XMicroradians), 0, 1, 1), closed: true);
            mirror.Advance(1);
        }

        Assert.True(loop.ClampedCommands > 100, $"{loop.ClampedCommands} clamped");
        Assert.Equal(100, loop.LastCommand.XMicroradians, 9);
        Assert.InRange(mirror.XMicroradians, 95, 105);
    }

    [Fact]
    public async Task The_loop_nulls_a_constant_error_through_the_mirror_and_holds_on_a_dropout()
    {
        var mirror = new PiezoTipTiltMirror("test", Mirror, 1.0 / 2000, 1);
        var loop = new FineMirrorLoop(Loop(Mirror), mirror);
        double residual = 0;
        for (int k = 0; k < 400; k++)
        {
            residual = 30 - (2 * mirror.XMicroradians);
            await loop.StepAsync(new CentroidFrame(k / 2000.0, residual, 0, 1, 1), closed: true);
            mirror.Advance(1);
        }

        Assert.InRange(Math.Abs(residual), 0, 0.05);
        TipTiltPosition before = loop.LastCommand;
        await loop.StepAsync(CentroidFrame.Empty(0.2), closed: true);
        Assert.Equal(before, loop.LastCommand);
        Assert.Equal(1, loop.Dropouts);
        Assert.Equal(0, loop.ClampedCommands);
    }

    [Fact]
    public async Task An_open_loop_recentres_the_mirror()
    {
        var mirror = new PiezoTipTiltMirror("test", Mirror, 1.0 / 2000, 1);
        var loop = new FineMirrorLoop(Loop(Mirror), mirror);
        await loop.StepAsync(new CentroidFrame(0, 40, -40, 1, 1), closed: true);
        Assert.NotEqual(default, loop.LastCommand);
        await loop.StepAsync(new CentroidFrame(0, 40, -40, 1, 1), closed: false);
        Assert.Equal(default, loop.LastCommand);
    }
}
