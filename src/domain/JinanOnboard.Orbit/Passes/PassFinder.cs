using JinanOnboard.Orbit.Ephemeris;
using JinanOnboard.Orbit.Frames;
using JinanOnboard.Orbit.Sites;
using JinanOnboard.Orbit.Sun;
using JinanOnboard.Orbit.Time;

namespace JinanOnboard.Orbit.Passes;

/// <summary>
/// Finds passes by coarse sampling (one propagation per step shared by all sites) and refines each
/// rise/set by bisection and each maximum by golden-section search on the exact ephemeris.
/// </summary>
public static class PassFinder
{
    // A local maximum this far below the threshold at a coarse sample may still peak above it between samples.
    private const double GrazingMarginDeg = 3.0;
    private const double GoldenRatio = 0.6180339887498949;

    /// <summary>Passes of one site in [<paramref name="fromUtc"/>, <paramref name="toUtc"/>]; empty when there are none.</summary>
    public static IReadOnlyList<SatellitePass> Find(IEphemeris ephemeris, GroundSite site, DateTime fromUtc, DateTime toUtc, PassSearchOptions? options = null) =>
        FindAll(ephemeris, [site], fromUtc, toUtc, options)[0];

    /// <summary>Passes of several sites over one window; the orbit is propagated once per coarse step for all of them.</summary>
    /// <exception cref="OrbitPropagationException">The ephemeris fails inside the window.</exception>
    public static IReadOnlyList<IReadOnlyList<SatellitePass>> FindAll(IEphemeris ephemeris, IReadOnlyList<GroundSite> sites, DateTime fromUtc, DateTime toUtc, PassSearchOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(ephemeris);
        ArgumentNullException.ThrowIfNull(sites);
        options ??= new PassSearchOptions();
        options.Validate();
        fromUtc = AstroTime.ToUtc(fromUtc);
        toUtc = AstroTime.ToUtc(toUtc);
        if (toUtc <= fromUtc)
        {
            throw new ArgumentException($"pass window end {toUtc:O} is not after its start {fromUtc:O}", nameof(toUtc));
        }

        double windowS = (toUtc - fromUtc).TotalSeconds;
        int steps = (int)Math.Ceiling(windowS / options.CoarseStepS);
        var times = new double[steps + 1];
        var positions = new Vec3[steps + 1];
        for (int i = 0; i <= steps; i++)
        {
            times[i] = Math.Min(i * options.CoarseStepS, windowS);
            positions[i] = EcefPositionKm(ephemeris, fromUtc, times[i]);
        }

        var result = new IReadOnlyList<SatellitePass>[sites.Count];
        var elevations = new double[steps + 1];
        for (int s = 0; s < sites.Count; s++)
        {
            var search = new SiteSearch(ephemeris, sites[s], fromUtc, windowS, options);
            for (int i = 0; i <= steps; i++)
            {
                elevations[i] = search.Frame.ElevationDeg(positions[i]);
            }

            result[s] = search.Run(times, elevations);
        }

        return result;
    }

    private static Vec3 EcefPositionKm(IEphemeris ephemeris, DateTime fromUtc, double t)
    {
        DateTime utc = At(fromUtc, t);
        return TemeToEcef.RotateToEcef(ephemeris.StateAt(utc).PositionKm, AstroTime.GmstRad(utc));
    }

    private static DateTime At(DateTime fromUtc, double seconds) => fromUtc.AddTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond));

    /// <summary>Per-site refinement state.</summary>
    private sealed class SiteSearch(IEphemeris ephemeris, GroundSite site, DateTime fromUtc, double windowS, PassSearchOptions options)
    {
        public TopocentricFrame Frame { get; } = new(site.Position);

        public IReadOnlyList<SatellitePass> Run(double[] times, double[] elevations)
        {
            double min = options.MinElevationDeg;
            var intervals = new List<(double Rise, double Set, bool StartEdge, bool EndEdge)>();
            double? rise = elevations[0] >= min ? 0.0 : null;
            bool startEdge = rise is not null;
            for (int i = 1; i < times.Length; i++)
            {
                bool above = elevations[i] >= min;
                bool wasAbove = elevations[i - 1] >= min;
                if (above && !wasAbove)
                {
                    rise = Crossing(times[i - 1], times[i], rising: true);
                    startEdge = false;
                }
                else if (!above && wasAbove && rise is not null)
                {
                    intervals.Add((rise.Value, Crossing(times[i - 1], times[i], rising: false), startEdge, false));
                    rise = null;
                }
                else if (!above && !wasAbove && i + 1 < times.Length
                    && elevations[i] > elevations[i - 1] && elevations[i] >= elevations[i + 1]
                    && elevations[i] > min - GrazingMarginDeg)
                {
                    // A grazing pass can peak above the threshold between two samples that are both below it.
                    (double tMax, double eMax) = Maximum(times[i - 1], times[i + 1]);
                    if (eMax >= min)
                    {
                        intervals.Add((Crossing(times[i - 1], tMax, rising: true), Crossing(tMax, times[i + 1], rising: false), false, false));
                    }
                }
            }

            if (rise is not null)
            {
                intervals.Add((rise.Value, windowS, startEdge, true));
            }

            var passes = new List<SatellitePass>(intervals.Count);
            foreach ((double r, double s, bool se, bool ee) in intervals)
            {
                SatellitePass? pass = Build(r, s, se, ee);
                if (pass is not null)
                {
                    passes.Add(pass);
                }
            }

            return passes;
        }

        private SatellitePass? Build(double rise, double set, bool startEdge, bool endEdge)
        {
            if (options.NightOnly)
            {
                bool darkAtRise = SunExcess(rise) < 0;
                bool darkAtSet = SunExcess(set) < 0;
                if (!darkAtRise && !darkAtSet)
                {
                    return null;
                }

                if (!darkAtRise)
                {
                    rise = Bisect(rise, set, t => SunExcess(t) < 0);
                    startEdge = false;
                }
                else if (!darkAtSet)
                {
                    set = Bisect(rise, set, t => SunExcess(t) >= 0);
                    endEdge = false;
                }
            }

            if (set <= rise)
            {
                return null;
            }

            (double tMax, double eMax) = Maximum(rise, set);
            LookAngles atRise = Look(rise);
            LookAngles atSet = Look(set);
            return new SatellitePass(site.Name, At(fromUtc, rise), At(fromUtc, set), At(fromUtc, tMax), eMax, atRise.AzimuthDeg, atSet.AzimuthDeg, startEdge, endEdge);
        }

        private double Elevation(double t) => Frame.ElevationDeg(EcefPositionKm(ephemeris, fromUtc, t));

        private LookAngles Look(double t)
        {
            DateTime utc = At(fromUtc, t);
            return Frame.Look(TemeToEcef.Convert(ephemeris.StateAt(utc), utc));
        }

        private double SunExcess(double t) => SunPosition.ElevationDeg(Frame, At(fromUtc, t)) - options.MaxSunElevationDeg;

        private double Crossing(double lo, double hi, bool rising) =>
            Bisect(lo, hi, t => (Elevation(t) >= options.MinElevationDeg) == rising);

        /// <summary>First time in [lo, hi] where <paramref name="after"/> holds, assuming it flips once: false at lo, true at hi.</summary>
        private double Bisect(double lo, double hi, Func<double, bool> after)
        {
            while (hi - lo > options.TimeToleranceS)
            {
                double mid = 0.5 * (lo + hi);
                if (after(mid))
                {
                    hi = mid;
                }
                else
                {
                    lo = mid;
                }
            }

            return 0.5 * (lo + hi);
        }

        /// <summary>Golden-section search of the elevation maximum in [a, b] (unimodal over one pass).</summary>
        private (double Time, double ElevationDeg) Maximum(double a, double b)
        {
            double c = b - (GoldenRatio * (b - a));
            double d = a + (GoldenRatio * (b - a));
            double fc = Elevation(c);
            double fd = Elevation(d);
            while (b - a > options.TimeToleranceS)
            {
                if (fc > fd)
                {
                    b = d;
                    d = c;
                    fd = fc;
                    c = b - (GoldenRatio * (b - a));
                    fc = Elevation(c);
                }
                else
                {
                    a = c;
                    c = d;
                    fc = fd;
                    d = a + (GoldenRatio * (b - a));
                    fd = Elevation(d);
                }
            }

            double t = 0.5 * (a + b);
            return (t, Elevation(t));
        }
    }
}
