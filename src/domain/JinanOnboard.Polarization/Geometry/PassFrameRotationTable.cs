using JinanOnboard.Orbit.Ephemeris;
using JinanOnboard.Orbit.Frames;
using JinanOnboard.Orbit.Time;
using JinanOnboard.Physics.Timeline;
using JinanOnboard.Polarization.Jones;

namespace JinanOnboard.Polarization.Geometry;

/// <summary>
/// The frame rotation ψ and the OGS half-wave plate angle for every pass second, tabled once per pass like the other
/// pass quantities (<see cref="PassTimeline"/>). ψ is unwrapped (a linear polarization axis repeats every 180°, so each
/// sample is the representative nearest the one before) so that the plate follows it smoothly: HWP = ψ/2 + offset.
/// <para>Why ψ/2: a half-wave plate at φ after the rotator R(ψ) gives HWP(φ)·R(ψ) = R(2φ − ψ)·HWP(0) (a half-wave plate
/// mirrors linear polarization about its axis), so φ = ψ/2 + c holds the free-space part at the constant R(2c)·HWP(0),
/// which the payload's compensator calibration absorbs once. c is the compensation of the fixed birefringent elements
/// (system.md); 0 by default.</para>
/// </summary>
public sealed class PassFrameRotationTable
{
    private readonly double[] _psiDegrees;

    private PassFrameRotationTable(double[] psiDegrees, double hwpOffsetDegrees)
    {
        _psiDegrees = psiDegrees;
        HalfWaveOffsetDegrees = hwpOffsetDegrees;
    }

    /// <summary>Samples, one per pass second from 0.</summary>
    public int Count => _psiDegrees.Length;

    /// <summary>Constant added to ψ/2 for the OGS plate (fixed birefringent elements), degrees.</summary>
    public double HalfWaveOffsetDegrees { get; }

    /// <summary>ψ per pass second, degrees, unwrapped.</summary>
    public IReadOnlyList<double> FrameRotationDegrees => _psiDegrees;

    /// <summary>Table the pass of <paramref name="timeline"/> at every whole second of it.</summary>
    public static PassFrameRotationTable Build(PassTimeline timeline, double hwpOffsetDegrees = 0)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        var frame = new TopocentricFrame(timeline.Site.Position);
        int count = (int)Math.Floor(timeline.DurationS) + 1;
        var psi = new double[count];
        for (int i = 0; i < count; i++)
        {
            DateTime utc = timeline.StartUtc.AddSeconds(i);
            TemeState sat = timeline.Ephemeris.StateAt(utc);
            double gmst = AstroTime.GmstRad(utc);
            double angle = FrameRotation.AngleDegrees(
                sat.PositionKm, sat.VelocityKmPerS, TemeToEcef.RotateToTeme(frame.SiteEcefKm, gmst), TemeToEcef.RotateToTeme(frame.UpUnit, gmst));
            psi[i] = i == 0 ? angle : Nearest(angle, psi[i - 1]);
        }

        return new PassFrameRotationTable(psi, hwpOffsetDegrees);
    }

    /// <summary>ψ at <paramref name="passSeconds"/>, degrees, linearly interpolated and clamped to the pass.</summary>
    public double FrameRotationDegreesAt(double passSeconds)
    {
        double t = double.IsNaN(passSeconds) ? 0 : Math.Clamp(passSeconds, 0, Count - 1);
        int i = Math.Min((int)t, Count - 2);
        if (i < 0)
        {
            return _psiDegrees[0];
        }

        double f = t - i;
        return _psiDegrees[i] + (f * (_psiDegrees[i + 1] - _psiDegrees[i]));
    }

    /// <summary>The OGS half-wave plate's fast-axis angle that follows the pass at <paramref name="passSeconds"/>: ψ/2 + offset, degrees.</summary>
    public double HalfWaveDegreesAt(double passSeconds) => (FrameRotationDegreesAt(passSeconds) / 2) + HalfWaveOffsetDegrees;

    /// <summary>The free-space part of the channel with the OGS plate at <paramref name="halfWaveDegrees"/>: HWP · R(ψ).</summary>
    public JonesMatrix FreeSpaceJones(double passSeconds, double halfWaveDegrees) =>
        Waveplate.HalfWave(halfWaveDegrees) * Waveplate.Rotator(FrameRotationDegreesAt(passSeconds));

    private static double Nearest(double angle, double previous) => angle + (180.0 * Math.Round((previous - angle) / 180.0));
}
