using JinanOnboard.Orbit.Sgp4;
using JinanOnboard.Orbit.Sites;
using JinanOnboard.Orbit.TwoLineElements;
using JinanOnboard.Physics.Parameters;
using JinanOnboard.Studies.MdiFeasibility.Geometry;
using JinanOnboard.Studies.MdiFeasibility.Study;

namespace JinanOnboard.Studies.MdiFeasibility.Tests;

public sealed class MdiStudyTests
{
    private static readonly DateTime Night = new(2026, 3, 20, 0, 0, 0, DateTimeKind.Utc);
    private static readonly Lazy<MdiEvaluation> Default = new(() => MdiStudy.Run(Scenario(), new MdiStudyOptions()));

    private static MdiScenario Scenario(double heightKm = 500, double minElevationDeg = 10, string siteB = "Hefei") => new(
        GroundSiteCatalog.Find("Jinan")!,
        GroundSite.Parse(siteB),
        PhysicsParameterSet.Named("micius-uplink"),
        new MdiOrbitSource.Circular(heightKm, Night),
        minElevationDeg);

    [Fact]
    public void The_Micius_uplink_pair_is_infeasible_and_the_verdict_says_by_how_many_dB()
    {
        MdiEvaluation e = Default.Value;

        Assert.Single(e.Windows);
        Assert.False(e.Feasible);
        Assert.InRange(e.MaxTolerableDualLossDb, 55, 68);
        // Fixed μ = 0.5, ν = 0.1 tolerate far less: the loose decoy bound of a large ν costs ~15 dB.
        Assert.True(e.MaxTolerableDualLossFixedDb < e.MaxTolerableDualLossDb - 10, $"{e.MaxTolerableDualLossFixedDb} dB");
        Assert.InRange(e.MinDualLossDb, 80, 100);
        Assert.True(e.InfeasibleByDb > 15, $"{e.InfeasibleByDb} dB");
        Assert.StartsWith("INFEASIBLE", e.Verdict, StringComparison.Ordinal);
        Assert.Contains($"{e.InfeasibleByDb:F1} dB above", e.Verdict, StringComparison.Ordinal);
    }

    [Fact]
    public void Doppler_and_arrival_offset_stay_within_their_physical_bounds()
    {
        MdiWindowResult w = Default.Value.Windows[0];
        // A 500 km orbit moves at ~7.6 km/s: no range rate can exceed it, so |Δf| < 7.7 km/s / 780 nm.
        double ceilingHz = 7.7e3 / 780e-9;
        Assert.InRange(w.MaxDopplerAHz, 0.5 * ceilingHz, ceilingHz);
        Assert.InRange(w.MaxDopplerBHz, 0.5 * ceilingHz, ceilingHz);
        Assert.InRange(w.MaxRelativeDopplerHz, 0, 2 * ceilingHz);
        // |L_A − L_B| cannot exceed the distance between the sites (triangle inequality): Jinan–Hefei is ~540 km.
        Assert.InRange(w.MaxArrivalOffsetUs, w.MinArrivalOffsetUs, 560e3 / UplinkTiming.SpeedOfLightMPerS * 1e6);
        Assert.Equal(-7.6e3 / 780e-9, UplinkTiming.DopplerShiftHz(7.6, 780e-9), 1e-3);
        Assert.Equal(1e-3, UplinkTiming.ArrivalOffsetS(800, 800 - (UplinkTiming.SpeedOfLightMPerS / 1e6)), 1e-12);
    }

    [Fact]
    public void A_larger_satellite_receiver_lowers_the_loss_and_optimised_intensities_then_give_key_where_fixed_ones_do_not()
    {
        IReadOnlyList<MdiSweepPoint> points = MdiSweep.Run(Scenario(), MdiSweepParameter.Aperture, [0.15, 1.0], new MdiStudyOptions());

        Assert.True(points[1].MinDualLossDb < points[0].MinDualLossDb - 25);
        Assert.False(points[0].Feasible);
        Assert.True(points[1].Feasible);
        Assert.True(points[1].BestWindowKeyOptimisedBits > 10 * Math.Max(1, points[1].BestWindowKeyFixedBits));
    }

    [Fact]
    public void Stronger_turbulence_and_a_higher_orbit_both_raise_the_loss()
    {
        IReadOnlyList<MdiSweepPoint> turbulence = MdiSweep.Run(Scenario(), MdiSweepParameter.Turbulence, [1e-15, 1e-13], new MdiStudyOptions());
        IReadOnlyList<MdiSweepPoint> height = MdiSweep.Run(Scenario(), MdiSweepParameter.Height, [400, 600], new MdiStudyOptions());

        Assert.True(turbulence[1].MinDualLossDb > turbulence[0].MinDualLossDb + 3);
        Assert.True(height[1].MinDualLossDb > height[0].MinDualLossDb + 3);
    }

    [Fact]
    public void Bad_inputs_are_refused_with_the_value_named()
    {
        ArgumentOutOfRangeException elevation = Assert.Throws<ArgumentOutOfRangeException>(() => MdiStudy.Run(Scenario(minElevationDeg: 90), new MdiStudyOptions()));
        Assert.Equal(90.0, elevation.ActualValue);
        Assert.Throws<ParameterSetException>(() => PhysicsParameterSet.Named("micius-uplink").WithNumber("receiver.radius_m", -0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MdiStudyOptions { SlotS = 30 }.Validate());
    }

    [Fact]
    public void Sites_too_far_apart_have_no_common_visibility()
    {
        // Jinan and Cape Town: a 500 km orbit never sees both.
        NoCommonVisibilityException e = Assert.Throws<NoCommonVisibilityException>(() => MdiStudy.Run(Scenario(siteB: "-33.9,18.4,0"), new MdiStudyOptions()));
        Assert.Contains("never see the satellite together", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_real_orbit_from_a_TLE_gives_night_windows_and_the_same_verdict()
    {
        // Catalogue 28057 of the public SGP4 verification set (SGP4-VER.TLE): a ~830 km Sun-synchronous orbit.
        const string Lines = "1 28057U 03049A   06177.78615833  .00000060  00000-0  35940-4 0  1836\n"
            + "2 28057  98.4283 247.6961 0000884  88.1964 271.9322 14.35478080140550\n";
        Tle tle = TleFile.Parse(new StringReader(Lines), "28057")[0];
        var scenario = Scenario() with { Orbit = new MdiOrbitSource.FromEphemeris(new Sgp4Propagator(tle), "28057", tle.EpochUtc, tle.EpochUtc.AddDays(4)) };

        MdiEvaluation e = MdiStudy.Run(scenario, new MdiStudyOptions());

        Assert.True(e.Windows.Count >= 4, $"{e.Windows.Count} windows");
        Assert.All(e.Windows, w => Assert.True(w.DurationS < 900));
        Assert.False(e.Feasible);
        Assert.True(e.MinDualLossDb > 80);
    }
}
