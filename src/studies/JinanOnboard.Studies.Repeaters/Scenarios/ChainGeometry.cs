using JinanOnboard.Orbit.Ephemeris;
using JinanOnboard.Orbit.Frames;

namespace JinanOnboard.Studies.Repeaters.Scenarios;

/// <summary>One hop of a scenario's chain: its end points, slant range and (for a ground end) elevation.</summary>
/// <param name="Name">"A-S1", "S1-S2", ...</param>
/// <param name="FromNode">Left node's label.</param>
/// <param name="ToNode">Right node's label.</param>
/// <param name="IsInterSatellite">True for a satellite-to-satellite hop, false for a satellite-to-ground hop.</param>
/// <param name="RangeKm">Distance between the two nodes, km.</param>
/// <param name="ElevationDeg">Elevation of the satellite seen from the ground end (NaN for an inter-satellite hop).</param>
/// <param name="LowestRayAltitudeKm">Lowest height of the straight line between the nodes above the ellipsoid (ISL only; NaN otherwise).</param>
public sealed record ChainHop(string Name, string FromNode, string ToNode, bool IsInterSatellite, double RangeKm, double ElevationDeg, double LowestRayAltitudeKm);

/// <summary>
/// Places a scenario on the equator (a great circle, so the ground distances are arcs of the WGS-84 equatorial radius):
/// station A at longitude 0, station B at the separation, satellites at the configured altitude evenly spaced between
/// offset points along track from each station (one satellite sits at the middle). Ranges and elevations come from the
/// project's frames (models.md §1: WGS-84 sites, look angles in the site's east-north-up frame).
/// </summary>
public static class ChainGeometry
{
    private const double RadToDeg = 180.0 / Math.PI;

    /// <summary>Longitudes (deg) of the satellites' sub-satellite points, west to east.</summary>
    public static IReadOnlyList<double> SatelliteLongitudesDeg(RepeaterScenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        if (scenario.Satellites == 1)
        {
            return [ArcToDeg(scenario.StationSeparationKm / 2.0)];
        }

        double first = scenario.StationOffsetKm;
        double last = scenario.StationSeparationKm - scenario.StationOffsetKm;
        if (last <= first)
        {
            throw new ArgumentException($"scenario {scenario.Name}: station offset {scenario.StationOffsetKm} km leaves no room between the stations {scenario.StationSeparationKm} km apart", nameof(scenario));
        }

        double step = (last - first) / (scenario.Satellites - 1);
        return [.. Enumerable.Range(0, scenario.Satellites).Select(k => ArcToDeg(first + (k * step)))];
    }

    /// <summary>The hops A-S1, S1-S2, ..., Sn-B of a scenario at <paramref name="altitudeKm"/>.</summary>
    public static IReadOnlyList<ChainHop> Hops(RepeaterScenario scenario, double altitudeKm)
    {
        IReadOnlyList<double> longitudes = SatelliteLongitudesDeg(scenario);
        var stationA = new TopocentricFrame(new GeodeticPosition(0, 0, 0));
        var stationB = new TopocentricFrame(new GeodeticPosition(0, ArcToDeg(scenario.StationSeparationKm), 0));
        Vec3[] satellites = [.. longitudes.Select(lon => Wgs84.ToEcefKm(new GeodeticPosition(0, lon, altitudeKm * 1000.0)))];

        var hops = new List<ChainHop> { GroundHop("A-S1", "A", "S1", stationA, satellites[0]) };
        for (int k = 0; k + 1 < satellites.Length; k++)
        {
            Vec3 p = satellites[k];
            Vec3 q = satellites[k + 1];
            hops.Add(new ChainHop($"S{k + 1}-S{k + 2}", $"S{k + 1}", $"S{k + 2}", true, (q - p).Norm, double.NaN, LowestAltitudeKm(p, q)));
        }

        string last = $"S{satellites.Length}";
        ChainHop toB = GroundHop($"{last}-B", last, "B", stationB, satellites[^1]);
        hops.Add(toB);
        return hops;
    }

    private static ChainHop GroundHop(string name, string from, string to, TopocentricFrame station, Vec3 satellite)
    {
        LookAngles look = station.Look(new EcefState(satellite, new Vec3(0, 0, 0)));
        return new ChainHop(name, from, to, false, look.RangeKm, look.ElevationDeg, double.NaN);
    }

    /// <summary>Lowest height above the ellipsoid along the segment p-q (closest approach to the centre, then geodetic height).</summary>
    private static double LowestAltitudeKm(Vec3 p, Vec3 q)
    {
        Vec3 d = q - p;
        double t = Math.Clamp(-Vec3.Dot(p, d) / Vec3.Dot(d, d), 0, 1);
        return Wgs84.FromEcefKm(p + (t * d)).HeightM / 1000.0;
    }

    private static double ArcToDeg(double arcKm) => arcKm / Wgs84.EquatorialRadiusKm * RadToDeg;
}
