using JinanOnboard.Orbit.Ephemeris;
using JinanOnboard.Orbit.Passes;
using JinanOnboard.Orbit.Sites;

namespace JinanOnboard.Studies.MdiFeasibility.Geometry;

/// <summary>An interval (UTC) in which both ground stations see the satellite above the minimum elevation, in darkness.</summary>
public sealed record CommonWindow(DateTime StartUtc, DateTime EndUtc)
{
    /// <summary>Length of the window, seconds.</summary>
    public double DurationS => (EndUtc - StartUtc).TotalSeconds;
}

/// <summary>
/// Common-visibility windows of two sites (models.md §1 passes of each site, night-only, intersected): MDI needs both
/// uplinks at once. Uses the project's <see cref="PassFinder"/>, so rise/set times are refined to its tolerance.
/// </summary>
public static class CommonVisibility
{
    /// <summary>Windows in [<paramref name="fromUtc"/>, <paramref name="toUtc"/>] at least <paramref name="minDurationS"/> long, in time order.</summary>
    public static IReadOnlyList<CommonWindow> Find(IEphemeris ephemeris, GroundSite siteA, GroundSite siteB, DateTime fromUtc, DateTime toUtc, PassSearchOptions options, double minDurationS = 1)
    {
        IReadOnlyList<IReadOnlyList<SatellitePass>> passes = PassFinder.FindAll(ephemeris, [siteA, siteB], fromUtc, toUtc, options);
        var windows = new List<CommonWindow>();
        foreach (SatellitePass a in passes[0])
        {
            foreach (SatellitePass b in passes[1])
            {
                DateTime start = a.RiseUtc > b.RiseUtc ? a.RiseUtc : b.RiseUtc;
                DateTime end = a.SetUtc < b.SetUtc ? a.SetUtc : b.SetUtc;
                if ((end - start).TotalSeconds >= minDurationS)
                {
                    windows.Add(new CommonWindow(start, end));
                }
            }
        }

        windows.Sort((x, y) => x.StartUtc.CompareTo(y.StartUtc));
        return windows;
    }
}
