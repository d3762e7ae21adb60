using JinanOnboard.Orbit.Frames;
using JinanOnboard.Orbit.Sites;
using JinanOnboard.Physics.Parameters;
using JinanOnboard.Studies.RingTwinField.Geometry;

namespace JinanOnboard.Studies.RingTwinField.Tests;

public sealed class RingGeometryTests
{
    private static readonly RingGeometry Ring = new(6371, 500, RingGeometry.DefaultGrazingHeightKm);

    [Fact]
    public void The_smallest_closed_ring_at_500_km_has_10_satellites_above_100_km_and_9_above_the_surface()
    {
        // cos(π/N) ≥ 6471/6871 → N ≥ π/acos(0.94178) = 9.17; with h_g = 0, N ≥ π/acos(6371/6871) = 8.14.
        Assert.Equal(10, Ring.MinimumSatellites());
        Assert.False(Ring.Closes(9));
        Assert.True(Ring.Closes(10));
        Assert.Equal(9, (Ring with { GrazingHeightKm = 0 }).MinimumSatellites());
        Assert.Equal((6871 * Math.Cos(Math.PI / 10)) - 6371, Ring.LinkGrazingHeightKm(10), 1e-9);
    }

    [Fact]
    public void Neighbours_are_a_chord_apart()
    {
        Assert.Equal(2 * 6871 * Math.Sin(Math.PI / 10), Ring.NeighbourDistanceKm(10), 1e-9);
        Assert.Equal(6871, Ring.NeighbourDistanceKm(6), 1e-9); // hexagon: side = radius
    }

    [Fact]
    public void Inter_satellite_loss_follows_the_Gaussian_beam_far_field()
    {
        var budget = new RingLinkBudget(PhysicsParameterSet.Named("ring-constellation"));
        double near = budget.InterSatelliteLossDb(1000);
        double far = budget.InterSatelliteLossDb(4000);
        // Far beyond the 83 km Rayleigh range of a 15 cm waist the collected power falls as 1/d²: 4× the distance ≈ 12.04 dB
        // (11.99 dB: at 1000 km T_geo = 1 − e^(−x) is still 0.7 % below x).
        Assert.Equal(20 * Math.Log10(4), far - near, 0.1);
        Assert.Equal(11.985, far - near, 0.005);
        // At 1000 km: w = 0.15·sqrt(1 + (1000/83.16)²) = 1.810 m, T_geo = 1 − exp(−2·0.15²/1.810²) → 18.651 dB;
        // pointing 1/(1 + 4σ²/θ²), σ = 0.5 µrad, θ = λ/(π w0) = 1.804 µrad → 1.164 dB; detector 0.5 → 3.010 dB.
        Assert.Equal(18.651 + 1.164 + 3.010, near, 0.005);
    }

    [Fact]
    public void Ground_loss_grows_with_range_and_airmass()
    {
        var budget = new RingLinkBudget(PhysicsParameterSet.Named("ring-constellation"));
        Assert.True(budget.GroundLossDb(1500, 20) > budget.GroundLossDb(500, 90) + 5);
        Assert.Equal(1.55 * ((1 / Math.Sin(30 * Math.PI / 180)) - 1), budget.GroundLossDb(800, 30) - budget.GroundLossDb(800, 90), 1e-9);
        Assert.Throws<ArgumentOutOfRangeException>(() => budget.GroundLossDb(800, 0));
    }

    [Fact]
    public void The_attached_satellite_is_the_highest_one_in_view()
    {
        var ring = new RingConstellation(24, 6871, new DateTime(2026, 3, 20, 0, 0, 0, DateTimeKind.Utc), 117.1);
        var site = new TopocentricFrame(GroundSiteCatalog.Find("Jinan")!.Position);
        for (double t = 0; t < 6000; t += 300)
        {
            (Attachment? best, _) = ring.Attach(site, t, 0);
            double highest = Enumerable.Range(0, 24).Max(k => Elevation(ring, site, k, t));
            if (best is Attachment a)
            {
                Assert.Equal(highest, a.ElevationDeg, 1e-9);
            }
            else
            {
                Assert.True(highest < 0);
            }
        }
    }

    private static double Elevation(RingConstellation ring, TopocentricFrame site, int k, double t)
    {
        DateTime utc = ring.EpochUtc.AddTicks((long)Math.Round(t * TimeSpan.TicksPerSecond));
        return site.ElevationDeg(TemeToEcef.RotateToEcef(ring.PositionTemeKm(k, t), Orbit.Time.AstroTime.GmstRad(utc)));
    }
}
