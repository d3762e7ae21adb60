using JinanOnboard.Channel.Parameters;
using JinanOnboard.Channel.Timeline;
using JinanOnboard.Config.Model;
using JinanOnboard.Orbit.Sites;
using JinanOnboard.Orbit.Synthetic;

namespace JinanOnboard.OpticalBench;

/// <summary>
/// The pass a bench emulates: a synthetic circular ~500 km Sun-synchronous orbit culminating at
/// the configured maximum elevation over the configured site, and the per-second timeline of the
/// orbit layer over the central <c>pass.duration_s</c> seconds around culmination.
/// </summary>
public static class PassGeometry
{
    /// <summary>
    /// Culmination of every synthetic bench pass: 22:30 Beijing time on a winter night
    /// (system.md: night passes start around 22:30 local). Fixed so runs are reproducible.
    /// </summary>
    public static readonly DateTime CulminationUtc = new(2026, 1, 15, 14, 30, 0, DateTimeKind.Utc);

    public static PassTimeline Build(PassSettings pass, PhysicsParameterSet physics)
    {
        ArgumentNullException.ThrowIfNull(pass);
        GroundSite site;
        try
        {
            site = GroundSite.Parse(pass.Site);
        }
        catch (FormatException ex)
        {
            throw new Config.Loading.ConfigurationException($"pass.site: {ex.Message}", ex);
        }

        CircularOrbit orbit = SyntheticPass.Create(site, pass.SyntheticMaxElevationDeg, CulminationUtc, physics.NumberOr("orbit.altitude_km", SyntheticPass.DefaultAltitudeKm));
        DateTime start = CulminationUtc.AddSeconds(-pass.DurationS / 2);
        return PassTimeline.Create(orbit, site, start, start.AddSeconds(pass.DurationS), physics);
    }
}
