using JinanOnboard.Control.Configuration;
using JinanOnboard.Control.Pointing;
using JinanOnboard.Physics.Parameters;
using JinanOnboard.PointingBench.Plants;

namespace JinanOnboard.Control.Tests;

/// <summary>The role components driven through their ports on the test thread, as a topology would drive them.</summary>
public sealed class PointingComponentTests
{
    private static readonly AptSettings Settings = AptSettingsReader.Read(PhysicsParameterSet.Named("jinan1"));

    [Fact]
    public async Task Payload_acquires_on_clean_frames_then_its_fine_loop_drives_the_mirror()
    {
        var log = new AptEventLog();
        var mirror = new PiezoTipTiltMirror("test", Settings.Payload.Fine.Mirror, 1.0 / 2000, 1);
        var payload = new PointingEnd(PointingEnd.Payload, Settings.Payload, Settings.Arbitration, mirror, log);
        var aux = new AuxiliaryVector(0, 120, -80, 0, 0, 0, 0);
        for (int cycle = 0; cycle < 40; cycle++)
        {
            double t = cycle * 0.05;
            payload.OnAuxiliaryVector(aux);
            payload.OnCoarseFrame(t, new CentroidFrame(t, 20, -10, 1, 1));
            payload.OnCoarseFrame(t + 0.025, new CentroidFrame(t + 0.025, 20, -10, 1, 1));
            for (int k = 0; k < 100; k++)
            {
                await payload.OnFineFrameAsync(new CentroidFrame(t, 3 - (2 * mirror.XMicroradians), 0, 1, 1));
                mirror.Advance(1);
            }

            TorqueCommand torque = payload.StepCoarse(t);
            Assert.True(double.IsFinite(torque.XNewtonMetres));
        }

        Assert.Equal(AcquisitionState.FineLock, payload.Acquisition.State);
        Assert.Equal(VectorSource.Camera, payload.Coarse.Arbiter.Source);
        Assert.Equal(1.5, mirror.XMicroradians, 1); // the mirror took out the 3 µrad optical error
        Assert.Contains(log.Events, e => e.End == "payload" && e.Kind == AptEventKind.SourceSwitched);
    }

    [Fact]
    public void Ogs_stays_on_the_predicted_pointing_while_its_coarse_camera_sees_nothing()
    {
        var log = new AptEventLog();
        var ogs = new PointingEnd(PointingEnd.Ogs, Settings.Ogs, Settings.Arbitration, new PiezoTipTiltMirror("test", Settings.Ogs.Fine.Mirror, 1.0 / 2000, 1), log);
        for (int cycle = 0; cycle < 100; cycle++)
        {
            double t = cycle / 14.0;
            ogs.OnAuxiliaryVector(new AuxiliaryVector(t, 50, 50, 0, 0, 0, 0));
            ogs.OnCoarseFrame(t, CentroidFrame.Empty(t));
            TorqueCommand torque = ogs.StepCoarse(t);
            Assert.True(torque.XNewtonMetres < 0, "the gimbal turns against the predicted error");
        }

        Assert.Equal(VectorSource.Auxiliary, ogs.Coarse.Arbiter.Source);
        Assert.Equal(AcquisitionState.OpenLoop, ogs.Acquisition.State);
        Assert.Equal(100, ogs.Coarse.Arbiter.Rejected(FrameRejection.NoSpot));
        Assert.Empty(log.Events);
    }

    [Fact]
    public async Task Steady_state_steps_allocate_nothing()
    {
        var log = new AptEventLog();
        var mirror = new PiezoTipTiltMirror("test", Settings.Payload.Fine.Mirror, 1.0 / 2000, 1);
        var payload = new PointingEnd(PointingEnd.Payload, Settings.Payload, Settings.Arbitration, mirror, log);
        var aux = new AuxiliaryVector(0, 0, 0, 0, 0, 0, 0);
        async Task Cycles(int n, double start)
        {
            for (int cycle = 0; cycle < n; cycle++)
            {
                double t = start + (cycle * 0.05);
                payload.OnAuxiliaryVector(aux);
                payload.OnCoarseFrame(t, new CentroidFrame(t, 1, 1, 1, 1));
                for (int k = 0; k < 100; k++)
                {
                    await payload.OnFineFrameAsync(new CentroidFrame(t, 0.5, -0.5, 1, 1));
                    mirror.Advance(1);
                }

                payload.StepCoarse(t);
            }
        }

        await Cycles(50, 0); // acquisition events (strings) happen here
        long before = GC.GetAllocatedBytesForCurrentThread();
        await Cycles(200, 10);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
