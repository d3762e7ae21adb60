using JinanOnboard.Control.Configuration;
using JinanOnboard.Primitives.Randomness;

namespace JinanOnboard.PointingBench.Disturbances;

/// <summary>
/// Angle-of-arrival (tilt) fluctuation of the payload's beacon at the OGS telescope, per axis.
/// Variance: the one-axis Z-tilt variance σ² = 0.182 (D/r0)^{5/3} (λ/D)² (Tyler, "Bandwidth considerations for
/// tracking through turbulence", JOSA A 11(1), 358–367, 1994; also Hardy, "Adaptive Optics for Astronomical
/// Telescopes", 1998, §9.2), with r0 scaled from 500 nm toward zenith to the beacon's wavelength and the line of sight:
/// r0 ∝ λ^{6/5} (cos ζ)^{3/5} (Fried 1966; Hardy §3.5). Time: the tilt spectrum of a frozen layer moving at v across
/// the aperture falls off above f_c ≈ 0.3 (n + 1) v/D with n = 1 for tilt (Conan, Rousset &amp; Madec, JOSA A 12(7),
/// 1559–1570, 1995); v combines the wind and the speed at which the slewing line of sight sweeps the layer at height h,
/// v = sqrt(v_wind² + (ω_slew h)²). Realised as <see cref="ShapedNoise"/> at that corner.
/// </summary>
public sealed class TurbulenceTilt
{
    private readonly ShapedNoise _x;
    private readonly ShapedNoise _y;
    private readonly TurbulenceSettings _settings;
    private readonly double _apertureM;
    private double _sigmaUrad;

    public TurbulenceTilt(TurbulenceSettings settings, double apertureM, double elevationDeg, GaussianStream xStream, GaussianStream yStream, double rateHz)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
        _apertureM = apertureM;
        _sigmaUrad = SigmaUrad(settings, apertureM, elevationDeg);
        double corner = CornerHz(0);
        _x = new ShapedNoise(xStream, 1, corner, rateHz);
        _y = new ShapedNoise(yStream, 1, corner, rateHz);
    }

    /// <summary>Per-axis RMS tilt now, µrad.</summary>
    public double SigmaUrad() => _sigmaUrad;

    /// <summary>One-axis Z-tilt RMS (Tyler 1994), µrad, for the OGS aperture at an elevation.</summary>
    public static double SigmaUrad(TurbulenceSettings settings, double apertureM, double elevationDeg)
    {
        ArgumentNullException.ThrowIfNull(settings);
        double lambdaM = settings.BeaconWavelengthNm * 1e-9;
        double cosZenith = Math.Sin(elevationDeg * Math.PI / 180);
        double r0 = settings.FriedParameterM * Math.Pow(lambdaM / 500e-9, 1.2) * Math.Pow(cosZenith, 0.6);
        double variance = 0.182 * Math.Pow(apertureM / r0, 5.0 / 3.0) * Math.Pow(lambdaM / apertureM, 2);
        return Math.Sqrt(variance) * 1e6;
    }

    /// <summary>The tilt spectrum's corner for a line-of-sight slew rate (rad/s), Hz (Conan et al. 1995).</summary>
    public double CornerHz(double slewRadPerS)
    {
        double sweep = slewRadPerS * _settings.EffectiveHeightM;
        double v = Math.Sqrt((_settings.WindSpeedMPerS * _settings.WindSpeedMPerS) + (sweep * sweep));
        return Math.Max(0.6 * v / _apertureM, 0.01);
    }

    /// <summary>Updates the elevation and slew (once a second is plenty: both change slowly).</summary>
    public void Update(double elevationDeg, double slewRadPerS)
    {
        _sigmaUrad = SigmaUrad(_settings, _apertureM, elevationDeg);
        double corner = CornerHz(slewRadPerS);
        _x.SetCorner(corner);
        _y.SetCorner(corner);
    }

    /// <summary>The next tilt sample, µrad per axis.</summary>
    public (double X, double Y) Next() => (_sigmaUrad * _x.Next(), _sigmaUrad * _y.Next());
}
