using JinanOnboard.Primitives.Numerics;
using JinanOnboard.Config.Model;
using JinanOnboard.Control.Pointing;
using JinanOnboard.Physics.Budgets;
using JinanOnboard.Physics.Parameters;
using JinanOnboard.Physics.Timeline;
using JinanOnboard.QuantumChannel.Profiles;

namespace JinanOnboard.OpticalBench.Pointing;

/// <summary>
/// The OGS half of the bench's pointing for a pass: the OGS's pointing hardware (its loops run in the ground firmware),
/// the OGS's fine-error trace, the payload's trace arriving over the optical path from the payload's process, and the
/// channel profile they modulate. With <see cref="BenchSettings.AptOff"/> there is none of it (fixed pointing loss).
/// </summary>
public sealed class PassPointing : IAsyncDisposable
{
    /// <summary>How long a channel query waits, wall clock, for a trace that has stopped growing before calling it lost (a deadlock guard; a dead payload closes the path at once).</summary>
    public static readonly TimeSpan StallTimeout = TimeSpan.FromMinutes(10);

    private readonly OpticalPathReceiver? _path;
    private readonly double _fixedPointingTransmittance;

    private PassPointing(BenchPointingHalf ogs, PointingTrace ogsTrace, PointingTrace? payloadTrace, OpticalPathReceiver? path, double fixedPointingTransmittance)
    {
        Ogs = ogs;
        OgsTrace = ogsTrace;
        PayloadTrace = payloadTrace;
        _path = path;
        _fixedPointingTransmittance = fixedPointingTransmittance;
    }

    /// <summary>The OGS's pointing hardware.</summary>
    public BenchPointingHalf Ogs { get; }

    /// <summary>The OGS's fine error as the light sees it.</summary>
    public PointingTrace OgsTrace { get; }

    /// <summary>The payload's, or null without an optical path.</summary>
    public PointingTrace? PayloadTrace { get; }

    /// <summary>The OGS half for a pass, or null when the bench runs no loops.</summary>
    /// <param name="plates">The polarization bench's plates records, when it compensates: they share the optical path.</param>
    /// <param name="ogsFineMirror">The OGS's fine mirror on a real bus (HIL profile), or null for the bench's own.</param>
    public static PassPointing? Create(PassTimeline timeline, PhysicsParameterSet physics, ulong seed, IReadOnlyList<OutageSettings> downlinkOutages, BenchSettings bench, string? opticalPath, Polarization.PlatesTrace? plates = null, Devices.Profiles.DeviceEntry? ogsFineMirror = null)
    {
        ArgumentNullException.ThrowIfNull(physics);
        ArgumentNullException.ThrowIfNull(bench);
        if (!bench.AptOn)
        {
            return null;
        }

        BenchPointingHalf ogs = BenchPointingHalf.Create(PointingEnd.Ogs, timeline, physics, seed, downlinkOutages, bench.Apt, ogsFineMirror);
        var ogsTrace = new PointingTrace(PointingEnd.Ogs, ogs.FineRateHz, ogs.Settings.OgsFieldOfViewHalfAngleUrad, StallTimeout);
        ogs.Hardware.FineSampleTaken = (_, x, y) => ogsTrace.Append(x, y);
        PointingTrace? payloadTrace = null;
        OpticalPathReceiver? path = null;
        if (opticalPath is not null)
        {
            payloadTrace = new PointingTrace(PointingEnd.Payload, ogs.Settings.Payload.Fine.RateHz, ogs.Settings.PayloadDivergenceHalfAngleUrad, StallTimeout);
            path = new OpticalPathReceiver(opticalPath, payloadTrace, plates);
        }

        // The orbit layer's budget holds the fixed pointing loss of link.pointing_error_urad (models.md §2); the payload's
        // trace replaces it.
        double fixedPointing = LinkPhysics.PointingTransmittance(physics.Number("link.pointing_error_urad") * 1e-6, physics.Number("transmitter.divergence_half_angle_urad") * 1e-6);
        return new PassPointing(ogs, ogsTrace, payloadTrace, path, fixedPointing);
    }

    /// <summary><paramref name="inner"/> with the loops' pointing in it, sampled over segments of <paramref name="segmentS"/>.</summary>
    public IChannelProfile Couple(IChannelProfile inner, double segmentS) =>
        new PointingCoupledChannelProfile(inner, _fixedPointingTransmittance, PayloadTrace, OgsTrace, segmentS);

    /// <summary>The OGS firmware's pass is over: the OGS trace holds its last sample for the channel's remaining queries.</summary>
    public void CompleteOgs() => OgsTrace.Complete();

    /// <summary>What the light saw, for the result's <c>pointing_coupling</c>.</summary>
    public object Details() => new
    {
        payload = PayloadTrace is null
            ? (object)new { coupled = false, fixed_pointing_transmittance = _fixedPointingTransmittance }
            : Trace(PayloadTrace),
        ogs = Trace(OgsTrace),
    };

    public async ValueTask DisposeAsync()
    {
        OgsTrace.Complete();
        if (_path is not null)
        {
            await _path.DisposeAsync();
        }

        await Ogs.DisposeAsync();
    }

    private static object Trace(PointingTrace trace) => new
    {
        coupled = true,
        samples = trace.Count,
        rate_hz = trace.RateHz,
        half_angle_urad = trace.HalfAngleUrad,
        rms_error_urad = ReportNumber.OrNull(trace.RmsErrorUrad, 5),
        mean_pointing_transmittance = ReportNumber.OrNull(trace.OverallMeanTransmittance, 5),
        completed = trace.Completed,
        lost = trace.LostReason,
        lost_at_s = trace.LostAtS,
        t_point_per_s = trace.MeanTransmittancePerSecond(),
    };

}
