using JinanOnboard.Physics.Timeline;

namespace JinanOnboard.Runtime.Link;

/// <summary>
/// The one-way propagation delay of the laser link over a pass: light time along the slant range,
/// τ(t) = |r_sat(t − τ) − r_site(t)| / c (<see cref="PassTimeline.OneWayDelayS"/>: the light-time equation of
/// Montenbruck &amp; Gill, Satellite Orbits, 2000, §6.2.2, solved by fixed-point iteration), about
/// 1.7 ms at Jinan-1's culmination and up to 4 ms near the horizon. The emulator asks for it once per chunk
/// (~4 800 times a second at 156 Mbit/s), and an exact evaluation costs four SGP4 propagations, so it is tabulated
/// once per second of pass and interpolated linearly. The error of linear interpolation is at most h²·|τ''|/8; with
/// |d²ρ/dt²| ≤ v²/ρ ≈ (7.6 km/s)² / 500 km ≈ 0.12 km/s² and h = 1 s that is 0.015 km / c ≈ 50 ns, far below the
/// microsecond resolution that matters to the link layer's timers.
/// </summary>
public sealed class SlantRangeDelay
{
    private readonly double[] _perSecondS;

    public SlantRangeDelay(PassTimeline timeline)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        int seconds = Math.Max(1, (int)Math.Ceiling(timeline.DurationS));
        _perSecondS = new double[seconds + 1];
        for (int i = 0; i <= seconds; i++)
        {
            _perSecondS[i] = timeline.OneWayDelayS(Math.Min(i, timeline.DurationS));
        }

        MaxS = _perSecondS.Max();
    }

    /// <summary>The largest one-way delay of the pass, seconds (the window must cover twice it).</summary>
    public double MaxS { get; }

    /// <summary>One-way delay at <paramref name="passSeconds"/>, seconds; held at the ends outside the pass.</summary>
    public double At(double passSeconds)
    {
        if (!(passSeconds > 0))
        {
            return _perSecondS[0];
        }

        int last = _perSecondS.Length - 1;
        if (passSeconds >= last)
        {
            return _perSecondS[last];
        }

        int i = (int)passSeconds;
        double f = passSeconds - i;
        return _perSecondS[i] + ((_perSecondS[i + 1] - _perSecondS[i]) * f);
    }
}
