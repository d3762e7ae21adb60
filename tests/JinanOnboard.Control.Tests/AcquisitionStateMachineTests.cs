using JinanOnboard.Control.Configuration;
using JinanOnboard.Control.Pointing;

namespace JinanOnboard.Control.Tests;

public sealed class AcquisitionStateMachineTests
{
    private static readonly AcquisitionSettings Settings = new(CoarseLockUrad: 300, FineLockUrad: 15, LockFrames: 3, LossOfLockS: 1, TimeoutS: 10);

    [Fact]
    public void Goes_open_loop_to_capture_to_coarse_to_fine_and_records_the_time_to_fine_lock()
    {
        var log = new AptEventLog();
        var sm = new AcquisitionStateMachine("ogs", Settings, log);
        double t = 0;
        sm.Update(t, false, 0, false, 0);
        Assert.Equal(AcquisitionState.OpenLoop, sm.State);
        sm.Update(t += 0.1, true, 900, false, 0);
        Assert.Equal(AcquisitionState.BeaconCapture, sm.State);
        for (int i = 0; i < 3; i++)
        {
            sm.Update(t += 0.1, true, 100, false, 0);
        }

        Assert.Equal(AcquisitionState.CoarseLock, sm.State);
        Assert.True(sm.FineLoopEnabled);
        for (int i = 0; i < 3; i++)
        {
            sm.Update(t += 0.1, true, 100, true, 5);
        }

        Assert.Equal(AcquisitionState.FineLock, sm.State);
        Assert.Equal(0.7, sm.TimeToFineLockS, 9);
        Assert.Equal(2, log.Count(AptEventKind.LockAcquired));
    }

    [Fact]
    public void Losing_the_fine_spot_falls_back_to_coarse_lock_and_losing_the_beacon_to_open_loop()
    {
        var log = new AptEventLog();
        var sm = new AcquisitionStateMachine("payload", Settings, log);
        double t = 0;
        for (int i = 0; i < 8; i++)
        {
            sm.Update(t += 0.1, true, 100, true, 5);
        }

        Assert.Equal(AcquisitionState.FineLock, sm.State);
        for (int i = 0; i < 12; i++)
        {
            sm.Update(t += 0.1, true, 100, false, 0);
        }

        Assert.Equal(AcquisitionState.CoarseLock, sm.State);
        Assert.Contains(log.Events, e => e.Kind == AptEventKind.LockLost && e.Detail.StartsWith("fine lock lost", StringComparison.Ordinal));
        for (int i = 0; i < 12; i++)
        {
            sm.Update(t += 0.1, false, 0, false, 0);
        }

        Assert.Equal(AcquisitionState.OpenLoop, sm.State);
        Assert.Null(sm.FailureReason); // it did lock once: not a failure
    }

    [Fact]
    public void A_fine_camera_that_never_sees_the_spot_is_reported_with_that_reason_at_the_timeout()
    {
        var log = new AptEventLog();
        var sm = new AcquisitionStateMachine("ogs", Settings, log);
        for (int i = 0; i <= 110; i++)
        {
            sm.Update(i * 0.1, true, 100, false, 0);
        }

        Assert.Equal(AcquisitionState.CoarseLock, sm.State);
        Assert.Equal("no fine lock within 10 s: coarse lock held but the fine camera never saw the spot", sm.FailureReason);
        Assert.Equal(1, log.Count(AptEventKind.AcquisitionFailed));
    }
}
