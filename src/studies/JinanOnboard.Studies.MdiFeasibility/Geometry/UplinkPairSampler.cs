using JinanOnboard.Orbit.Ephemeris;
using JinanOnboard.Orbit.Frames;
using JinanOnboard.Orbit.Sites;
using JinanOnboard.Orbit.Time;

namespace JinanOnboard.Studies.MdiFeasibility.Geometry;

/// <summary>Both uplinks' geometry at one instant: elevations, slant ranges and range rates (positive receding).</summary>
public readonly record struct UplinkPairSample(double TimeS, double ElevationADeg, double ElevationBDeg, double RangeAKm, double RangeBKm, double RangeRateAKmPerS, double RangeRateBKmPerS);

/// <summary>Samples a window's two uplinks on a fixed step (SGP4 or circular orbit → TEME → ECEF → look angles, models.md §1).</summary>
public sealed class UplinkPairSampler(IEphemeris ephemeris, GroundSite siteA, GroundSite siteB)
{
    private readonly TopocentricFrame _a = new(siteA.Position);
    private readonly TopocentricFrame _b = new(siteB.Position);

    /// <summary>
    /// Samples at the whole multiples of <paramref name="stepS"/> (UTC, counted from 0001-01-01) inside the window, so
    /// windows that overlap share their sample instants; times are relative to the window start.
    /// </summary>
    public IReadOnlyList<UplinkPairSample> Sample(CommonWindow window, double stepS)
    {
        ArgumentNullException.ThrowIfNull(window);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stepS);
        long stepTicks = (long)Math.Round(stepS * TimeSpan.TicksPerSecond);
        long first = ((window.StartUtc.Ticks + stepTicks - 1) / stepTicks) * stepTicks;
        var samples = new List<UplinkPairSample>();
        for (long ticks = first; ticks <= window.EndUtc.Ticks; ticks += stepTicks)
        {
            var utc = new DateTime(ticks, DateTimeKind.Utc);
            EcefState sat = TemeToEcef.Convert(ephemeris.StateAt(utc), AstroTime.GmstRad(utc));
            LookAngles a = _a.Look(sat);
            LookAngles b = _b.Look(sat);
            samples.Add(new UplinkPairSample((ticks - window.StartUtc.Ticks) / (double)TimeSpan.TicksPerSecond, a.ElevationDeg, b.ElevationDeg, a.RangeKm, b.RangeKm, a.RangeRateKmPerS, b.RangeRateKmPerS));
        }

        return samples;
    }
}
