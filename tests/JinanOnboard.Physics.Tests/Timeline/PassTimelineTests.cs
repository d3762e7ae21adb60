using JinanOnboard.Physics.Parameters;
using JinanOnboard.Physics.Timeline;
using JinanOnboard.Orbit.Passes;
using JinanOnboard.Orbit.Sites;
using JinanOnboard.Orbit.Synthetic;

namespace JinanOnboard.Physics.Tests.Timeline;

public sealed class PassTimelineTests
{
    // 22:30 at Jinan (UTC+8), the Jinan-1 pass time.
    private static readonly DateTime Culmination = new(2026, 3, 10, 14, 30, 0, DateTimeKind.Utc);
    private static readonly GroundSite Jinan = GroundSiteCatalog.Find("Jinan")!;
    private static readonly Lazy<(CircularOrbit Orbit, SatellitePass Pass, PassTimeline Timeline)> SixtyDegreePass = new(() =>
    {
        CircularOrbit orbit = SyntheticPass.Create(Jinan, 60, Culmination);
        SatellitePass pass = PassFinder.Find(orbit, Jinan, Culmination.AddMinutes(-20), Culmination.AddMinutes(20)).Single();
        return (orbit, pass, PassTimeline.ForPass(orbit, Jinan, pass, PhysicsParameterSet.Named("jinan1")));
    });

    [Fact]
    public void Samples_every_second_from_rise_to_set()
    {
        (_, SatellitePass pass, PassTimeline timeline) = SixtyDegreePass.Value;
        Assert.Equal(pass.RiseUtc, timeline.StartUtc);
        Assert.Equal(pass.Duration.TotalSeconds, timeline.DurationS, 1e-6);
        Assert.Equal((int)Math.Ceiling(timeline.DurationS) + 1, timeline.Samples.Count);
        Assert.Equal(10.0, timeline.Samples[0].ElevationDeg, 0.01);
        Assert.Equal(10.0, timeline.Samples[^1].ElevationDeg, 0.01);
        Assert.All(timeline.Samples, s => Assert.True(s.SunElevationDeg < -12, "a 22:30 pass in March is in darkness"));
    }

    [Fact]
    public void Transmittance_peaks_at_culmination_and_stays_in_a_realistic_range()
    {
        (_, SatellitePass pass, PassTimeline timeline) = SixtyDegreePass.Value;
        PassSample best = timeline.Samples.MaxBy(s => s.Transmittance)!;
        Assert.True(Math.Abs((best.TimeUtc - pass.MaxElevationUtc).TotalSeconds) < 2);
        // At 60 deg (range ~570 km) geometry ~22 dB + atmosphere 2.5 + pointing 1.1 + optics 3.1 + coupling 5 (assumed) + detector 2.2 ≈ 36 dB.
        Assert.InRange(best.Budget.TotalLossDb, 33, 39);
        // At 10 deg (range ~1700 km): geometry 31.7 + atmosphere 0.5 csc 10° = 2.88 Np = 12.5 dB + 11.4 fixed ≈ 55.6 dB.
        Assert.InRange(timeline.Samples[0].Budget.TotalLossDb, 53, 58);
        Assert.All(timeline.Samples, s => Assert.True(s.SignalDetectionRatePerS > 0));
    }

    [Fact]
    public void Transmittance_interpolates_between_samples_and_is_zero_outside_the_pass()
    {
        PassTimeline timeline = SixtyDegreePass.Value.Timeline;
        double a = timeline.Samples[100].Transmittance;
        double b = timeline.Samples[101].Transmittance;
        Assert.Equal(a, timeline.TransmittanceAt(100), 1e-15);
        Assert.Equal(0.25 * (a + a + a + b), timeline.TransmittanceAt(100.25), 1e-15);
        Assert.Equal(0.0, timeline.TransmittanceAt(-0.5));
        Assert.Equal(0.0, timeline.TransmittanceAt(timeline.DurationS + 0.5));
        Assert.Equal(0.0, timeline.SignalDetectionRatePerS(-1));
    }

    [Fact]
    public void Delay_is_range_over_c_and_range_rate_is_the_derivative_of_range()
    {
        PassTimeline timeline = SixtyDegreePass.Value.Timeline;
        double t = 123.4;
        double rangeKm = timeline.LookAt(t).RangeKm;
        // Light time differs from range/c by the satellite's motion during flight and the Sagnac term: tens of ns.
        double delayS = timeline.OneWayDelayS(t);
        Assert.InRange(delayS - (rangeKm / 299792.458), -100e-9, 100e-9);
        Assert.NotEqual(rangeKm / 299792.458, delayS);
        // Self-consistency in the quasi-inertial frame: c τ = |r_sat(t - τ) - r_site(t)| to a millimetre.
        DateTime receive = timeline.StartUtc.AddTicks((long)Math.Round(t * TimeSpan.TicksPerSecond));
        DateTime emit = receive.AddTicks(-(long)Math.Round(delayS * TimeSpan.TicksPerSecond));
        double gmst = JinanOnboard.Orbit.Time.AstroTime.GmstRad(receive);
        var site = JinanOnboard.Orbit.Frames.TemeToEcef.RotateToTeme(JinanOnboard.Orbit.Frames.Wgs84.ToEcefKm(Jinan.Position), gmst);
        double pathKm = (SixtyDegreePass.Value.Orbit.StateAt(emit).PositionKm - site).Norm;
        Assert.Equal(pathKm, delayS * 299792.458, 1e-3);
        double derivative = (timeline.LookAt(t + 0.001).RangeKm - timeline.LookAt(t - 0.001).RangeKm) / 0.002;
        Assert.Equal(derivative, timeline.RangeRateKmPerS(t), 1e-5);
        // Approaching at rise, receding at set, ~zero at culmination.
        Assert.True(timeline.RangeRateKmPerS(0) < -5);
        Assert.True(timeline.RangeRateKmPerS(timeline.DurationS) > 5);
        double peak = (SixtyDegreePass.Value.Pass.MaxElevationUtc - timeline.StartUtc).TotalSeconds;
        Assert.InRange(timeline.RangeRateKmPerS(peak), -0.05, 0.05);
        // Delay ~1.9 ms at 570 km.
        Assert.InRange(timeline.OneWayDelayS(peak), 1.8e-3, 2.0e-3);
    }

    [Fact]
    public void Background_is_at_least_the_dark_count()
    {
        PassTimeline timeline = SixtyDegreePass.Value.Timeline;
        Assert.All(timeline.Samples, s => Assert.True(s.BackgroundCountsPerSPerDetector >= 100));
        Assert.True(timeline.BackgroundCountsPerSPerDetector(50) >= 100);
    }

    [Fact]
    public void Dynamic_pointing_error_from_the_apt_loops_changes_the_loss()
    {
        (CircularOrbit orbit, SatellitePass pass, PassTimeline baseline) = SixtyDegreePass.Value;
        PassTimeline perfect = PassTimeline.ForPass(orbit, Jinan, pass, PhysicsParameterSet.Named("jinan1"), new PassTimelineOptions { PointingErrorUrad = _ => 0 });
        Assert.All(perfect.Samples, s => Assert.Equal(0, s.Budget.PointingLossDb, 12));
        Assert.True(perfect.TransmittanceAt(100) > baseline.TransmittanceAt(100));
    }

    [Fact]
    public void Inter_satellite_set_has_no_ground_timeline()
    {
        (CircularOrbit orbit, SatellitePass pass, _) = SixtyDegreePass.Value;
        Assert.Throws<ParameterSetException>(() => PassTimeline.ForPass(orbit, Jinan, pass, PhysicsParameterSet.Named("ring-constellation")));
    }
}
