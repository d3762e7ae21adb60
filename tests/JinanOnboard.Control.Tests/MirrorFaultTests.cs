using JinanOnboard.Config.Model;
using JinanOnboard.Control.Configuration;
using JinanOnboard.Control.Pointing;
using JinanOnboard.Control.Scheduling;
using JinanOnboard.Physics.Parameters;
using JinanOnboard.PointingBench.Ends;
using JinanOnboard.PointingBench.Geometry;
using JinanOnboard.Runtime.Plan;

namespace JinanOnboard.Control.Tests;

/// <summary>
/// A fast steering mirror whose controller stops answering mid-pass (issue 17): the loop notices on its read-back, reports
/// a device fault, keeps coarse pointing, and takes the mirror back when the controller answers again.
/// </summary>
public sealed class MirrorFaultTests
{
    [Fact]
    public async Task A_controller_that_stops_answering_is_a_fault_the_end_survives_and_recovers_from()
    {
        PhysicsParameterSet physics = PhysicsParameterSet.Named("jinan1");
        AptSettings settings = AptSettingsReader.Read(physics);
        var track = new LineOfSightTrack(PassGeometry.Build(new PassSettings { DurationS = 20 }, physics));
        FixedRateScheduler clock = PointingRateGroup.Scheduler(settings.Payload);
        await using E727Mirror mirror = await E727Mirror.ConnectAsync("payload FSM", settings.Payload.Fine.Mirror, clock.TicksPerSecond, (int)clock.MinPeriodTicks);
        var bench = new EndPointingBench(PointingEnd.Payload, settings, physics.Number("receiver.aperture_m"), track, 7, clock, mirror, _ => true, _ => false);
        var events = new AptEventLog();
        var end = new PointingEnd(PointingEnd.Payload, settings.Payload, settings.Arbitration, bench.FineMirror, events);
        var group = new PointingRateGroup(end, bench, clock, settings.PayloadDivergenceHalfAngleUrad);

        await group.AdvanceToAsync(2.0);
        Assert.Equal(AcquisitionState.FineLock, end.Acquisition.State);
        Assert.Equal(0, group.MirrorFaults);

        mirror.Device.Mute = true; // unplugged: reads commands, answers nothing
        await group.AdvanceToAsync(4.0);
        Assert.True(group.MirrorFaults >= 1);
        Assert.Contains(events.Events, e => e.Kind == AptEventKind.DeviceFault && e.TimeS is >= 2.0 and < 2.2);
        Assert.Contains("no reply", group.LastMirrorFault, StringComparison.Ordinal);

        mirror.Device.Mute = false;
        await group.AdvanceToAsync(8.0);
        AptEvent recovered = Assert.Single(events.Events, e => e.Kind == AptEventKind.DeviceRecovered);
        Assert.InRange(recovered.TimeS, 4.0, 5.5);
        Assert.False(group.MirrorFaulted);
        Assert.Equal(AcquisitionState.FineLock, end.Acquisition.State);

        // Pointing held through it all on the coarse loop, and the fine error is back to the µrad level.
        (double x, double y) = bench.FineErrorUrad;
        Assert.True(Math.Sqrt((x * x) + (y * y)) < 10, $"fine error ({x}, {y}) µrad after recovery");
    }
}
