using JinanOnboard.Orbit.Ephemeris;
using JinanOnboard.Orbit.Frames;
using JinanOnboard.Orbit.Sun;
using JinanOnboard.Studies.Scheduling.Cities;

namespace JinanOnboard.Studies.Scheduling.Keys;

/// <summary>The usable geometry of one city: every sample in darkness above the elevation mask.</summary>
public sealed class CitySamples
{
    internal CitySamples(int[] interval, double[] rangeKm, double[] elevationDeg, int visibleIntervals, int darkVisibleIntervals)
    {
        Interval = interval;
        RangeKm = rangeKm;
        ElevationDeg = elevationDeg;
        VisibleIntervals = visibleIntervals;
        DarkVisibleIntervals = darkVisibleIntervals;
    }

    /// <summary>Interval index of each usable sample.</summary>
    public IReadOnlyList<int> Interval { get; }

    /// <summary>Slant range of each usable sample, km.</summary>
    public IReadOnlyList<double> RangeKm { get; }

    /// <summary>Elevation of each usable sample, degrees.</summary>
    public IReadOnlyList<double> ElevationDeg { get; }

    /// <summary>Intervals with the satellite above the mask at some sample, dark or not.</summary>
    public int VisibleIntervals { get; }

    /// <summary>Intervals with a usable sample (above the mask while the city is dark).</summary>
    public int DarkVisibleIntervals { get; }
}

/// <summary>
/// Where the satellite is seen from each city over a window (models.md §1): ephemeris → TEME → Earth-fixed (GMST),
/// topocentric elevation and range per sample; the city is dark while the Sun's elevation at the interval's centre is
/// below <c>maxSunElevationDeg</c> (Sun position from <see cref="SunPosition"/>). Computed once per orbit, so a sweep
/// over link parameters reuses it.
/// </summary>
public sealed class PassGeometry
{
    private PassGeometry(ScheduleWindow window, IReadOnlyList<SchedulingCity> cities, CitySamples[] perCity, double minElevationDeg, double maxSunElevationDeg)
    {
        Window = window;
        Cities = cities;
        PerCity = perCity;
        MinElevationDeg = minElevationDeg;
        MaxSunElevationDeg = maxSunElevationDeg;
    }

    /// <summary>The window.</summary>
    public ScheduleWindow Window { get; }

    /// <summary>The cities, in table order.</summary>
    public IReadOnlyList<SchedulingCity> Cities { get; }

    /// <summary>Usable samples per city, in table order.</summary>
    public IReadOnlyList<CitySamples> PerCity { get; }

    /// <summary>Elevation mask, degrees.</summary>
    public double MinElevationDeg { get; }

    /// <summary>Darkness threshold on the Sun's elevation, degrees.</summary>
    public double MaxSunElevationDeg { get; }

    /// <summary>
    /// Propagates <paramref name="ephemeris"/> over the window (intervals in parallel; results do not depend on the
    /// thread count) and keeps each city's samples with elevation ≥ <paramref name="minElevationDeg"/> while the Sun is
    /// below <paramref name="maxSunElevationDeg"/>.
    /// </summary>
    /// <exception cref="OrbitPropagationException">The orbit cannot be propagated over the window (decayed, …).</exception>
    public static PassGeometry Compute(IEphemeris ephemeris, ScheduleWindow window, IReadOnlyList<SchedulingCity> cities, double minElevationDeg, double maxSunElevationDeg)
    {
        ArgumentNullException.ThrowIfNull(ephemeris);
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(cities);
        int samples = window.SamplesPerInterval;
        var satellite = new Vec3[window.Intervals * samples];
        var sun = new Vec3[window.Intervals];
        Parallel.For(0, window.Intervals, m =>
        {
            sun[m] = SunPosition.EcefKm(window.IntervalCentreUtc(m));
            for (int j = 0; j < samples; j++)
            {
                DateTime t = window.SampleUtc(m, j);
                satellite[(m * samples) + j] = TemeToEcef.Convert(ephemeris.StateAt(t), t).PositionKm;
            }
        });

        var perCity = new CitySamples[cities.Count];
        Parallel.For(0, cities.Count, n => perCity[n] = CityView(new TopocentricFrame(cities[n].Site.Position), satellite, sun, samples, minElevationDeg, maxSunElevationDeg));
        return new PassGeometry(window, cities, perCity, minElevationDeg, maxSunElevationDeg);
    }

    private static CitySamples CityView(TopocentricFrame frame, Vec3[] satellite, Vec3[] sun, int samples, double minElevationDeg, double maxSunElevationDeg)
    {
        var interval = new List<int>();
        var range = new List<double>();
        var elevation = new List<double>();
        int visible = 0;
        int darkVisible = 0;
        for (int m = 0; m < sun.Length; m++)
        {
            bool dark = frame.ElevationDeg(sun[m]) < maxSunElevationDeg;
            bool seen = false;
            bool used = false;
            for (int j = 0; j < samples; j++)
            {
                Vec3 position = satellite[(m * samples) + j];
                double el = frame.ElevationDeg(position);
                if (el < minElevationDeg)
                {
                    continue;
                }

                seen = true;
                if (dark)
                {
                    used = true;
                    interval.Add(m);
                    range.Add((position - frame.SiteEcefKm).Norm);
                    elevation.Add(el);
                }
            }

            visible += seen ? 1 : 0;
            darkVisible += used ? 1 : 0;
        }

        return new CitySamples([.. interval], [.. range], [.. elevation], visible, darkVisible);
    }
}
