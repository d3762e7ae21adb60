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

    /// <summary>Samples at window start + k·<paramref name="stepS"/> (k = 0, 1, ...) while inside the window; times relative to its start.</summary>
    public IReadOnlyList<UplinkPairSample> Sample(CommonWindow window, double stepS)
    {
        ArgumentNullException.ThrowIfNull(window);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stepS);
        int count = Math.Max(1, (int)Math.Floor(window.DurationS / stepS) + 1);
        var samples = new UplinkPairSample[count];
        for (int k = 0; k < count; k++)
        {
            double t = k * stepS;
            DateTime utc = window.StartUtc.AddTicks((long)Math.Round(t * TimeSpan.TicksPerSecond));
            EcefState sat = TemeToEcef.Convert(ephemeris.StateAt(utc), AstroTime.GmstRad(utc));
            LookAngles a = _a.Look(sat);
            LookAngles b = _b.Look(sat);
            samples[k] = new UplinkPairSample(t, a.ElevationDeg, b.ElevationDeg, a.RangeKm, b.RangeKm, a.RangeRateKmPerS, b.RangeRateKmPerS);
        }

        return samples;
    }
}
