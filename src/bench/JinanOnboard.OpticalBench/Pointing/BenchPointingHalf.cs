using JinanOnboard.Config.Model;
using JinanOnboard.Control.Configuration;
using JinanOnboard.Control.Pointing;
using JinanOnboard.Control.Scheduling;
using JinanOnboard.Physics.Parameters;
using JinanOnboard.Physics.Timeline;
using JinanOnboard.PointingBench.Ends;
using JinanOnboard.PointingBench.Geometry;

namespace JinanOnboard.OpticalBench.Pointing;

/// <summary>
/// One end's pointing hardware on the bench of a pass: the end's half of the pointing bench (<see cref="EndPointingBench"/>)
/// on the pass's line of sight, its fast steering mirror through the real E-727 driver ("drivers") or the plant model
/// directly ("bypassed"). The sky comes from the run configuration's downlink outages: a "cloud" covers the OGS (both
/// beacons blocked, false targets in the cameras; the channel is obstructed too), a "beacon" outage loses both beacons
/// under a clear sky (a beacon laser fault: the quantum light still flows, so only pointing takes it away). Each end's
/// beacon is taken to reach the other whenever the sky allows: the beacons' divergences (1.5–1.6 mrad) hold the other
/// end's open-loop error with a wide margin, so the two halves need not run in lockstep (jinan apt sim does couple them).
/// </summary>
public sealed class BenchPointingHalf : IAsyncDisposable
{
    private readonly IMirrorPlant _mirror;

    private BenchPointingHalf(AptSettings settings, EndPointingBench hardware, IMirrorPlant mirror, FixedRateScheduler clock)
    {
        Settings = settings;
        Hardware = hardware;
        _mirror = mirror;
        FineRateHz = (int)(clock.TicksPerSecond / clock.PeriodTicks(0));
    }

    /// <summary>Both ends' APT settings from the physics set.</summary>
    public AptSettings Settings { get; }

    /// <summary>The end's devices as its firmware sees them.</summary>
    public EndPointingBench Hardware { get; }

    /// <summary>The fine loop's rate: one pointing sample per cycle.</summary>
    public int FineRateHz { get; }

    /// <summary>The end's bench for a pass.</summary>
    /// <param name="end"><see cref="PointingEnd.Payload"/> or <see cref="PointingEnd.Ogs"/>.</param>
    /// <param name="apt"><see cref="BenchSettings.AptDrivers"/> or <see cref="BenchSettings.AptBypassed"/>.</param>
    /// <param name="fineMirror">The end's fine mirror on a real bus (HIL profile), or null for the bench's own.</param>
    public static BenchPointingHalf Create(string end, PassTimeline timeline, PhysicsParameterSet physics, ulong seed, IReadOnlyList<OutageSettings> downlinkOutages, string apt, Devices.Profiles.DeviceEntry? fineMirror = null)
    {
        ArgumentNullException.ThrowIfNull(physics);
        AptSettings settings = AptSettingsReader.Read(physics);
        EndSettings endSettings = end == PointingEnd.Payload ? settings.Payload : settings.Ogs;
        FixedRateScheduler clock = PointingRateGroup.Scheduler(endSettings);
        string name = end == PointingEnd.Payload ? "payload FSM" : "OGS FSM";
        IMirrorPlant mirror = MirrorPlants.Create(name, endSettings.Fine.Mirror, clock, apt == BenchSettings.AptDrivers, fineMirror);
        OutageSettings[] clouds = [.. downlinkOutages.Where(o => o.Reason == "cloud")];
        OutageSettings[] dark = [.. downlinkOutages.Where(o => o.Reason is "cloud" or "beacon")];
        var hardware = new EndPointingBench(end, settings, physics.Number("receiver.aperture_m"), new LineOfSightTrack(timeline), seed, clock, mirror,
            t => !Covers(dark, t), t => Covers(clouds, t));
        return new BenchPointingHalf(settings, hardware, mirror, clock);
    }

    public ValueTask DisposeAsync() => _mirror.DisposeAsync();

    private static bool Covers(OutageSettings[] outages, double t)
    {
        foreach (OutageSettings o in outages)
        {
            if (t >= o.StartS && t < o.EndS)
            {
                return true;
            }
        }

        return false;
    }
}
