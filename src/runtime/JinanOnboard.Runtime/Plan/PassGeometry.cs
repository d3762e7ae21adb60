using JinanOnboard.Physics.Parameters;
using JinanOnboard.Physics.Timeline;
using JinanOnboard.Config.Loading;
using JinanOnboard.Config.Model;
using JinanOnboard.Orbit.Sites;
using JinanOnboard.Orbit.Synthetic;

namespace JinanOnboard.Runtime.Plan;

/// <summary>
/// The pass a run emulates: a synthetic circular orbit (altitude from the physics set) culminating at
/// <c>pass.synthetic_max_elevation_deg</c> over <c>pass.site</c> at <c>pass.culmination_utc</c>, and the orbit
/// layer's per-second timeline over the central <c>pass.duration_s</c> seconds around culmination.
/// </summary>
public static class PassGeometry
{
    /// <exception cref="ConfigurationException">The site is unknown, or the window dips below <c>pass.min_elevation_deg</c>.</exception>
    public static PassTimeline Build(PassSettings pass, PhysicsParameterSet physics)
    {
        ArgumentNullException.ThrowIfNull(pass);
        ArgumentNullException.ThrowIfNull(physics);
        GroundSite site;
        try
        {
            site = GroundSite.Parse(pass.Site);
        }
        catch (FormatException ex)
        {
            throw new ConfigurationException($"pass.site: {ex.Message}", ex);
        }

        CircularOrbit orbit = SyntheticPass.Create(site, pass.SyntheticMaxElevationDeg, pass.CulminationUtc, physics.NumberOr("orbit.altitude_km", SyntheticPass.DefaultAltitudeKm));
        DateTime start = pass.CulminationUtc.AddSeconds(-pass.DurationS / 2);
        PassTimeline timeline = PassTimeline.Create(orbit, site, start, start.AddSeconds(pass.DurationS), physics);

        // QKD runs only above the minimum elevation (parameters.md): a window that reaches below it is not a pass.
        double lowest = timeline.Samples.Min(s => s.ElevationDeg);
        if (lowest < pass.MinElevationDeg)
        {
            throw new ConfigurationException(
                $"pass.duration_s = {pass.DurationS} reaches {lowest:F1} deg elevation, below pass.min_elevation_deg = {pass.MinElevationDeg}: "
                + "shorten the pass or raise pass.synthetic_max_elevation_deg");
        }

        return timeline;
    }
}
