using System.Runtime.CompilerServices;
using JinanOnboard.Primitives.Randomness;

namespace JinanOnboard.PointingBench.Disturbances;

/// <summary>
/// Gaussian noise of a given RMS with a two-pole low-pass spectrum: white noise through two equal first-order sections
/// y ← a·y + (1 − a)·x, a = e^{−2π f_c T}. Flat below the corner f_c, falling as f⁻⁴ above it. The output is scaled so
/// its stationary RMS is exactly the one asked: for that filter Σh² = (1 − a)⁴(1 + a²)/(1 − a²)³.
/// </summary>
public sealed class ShapedNoise
{
    private readonly GaussianStream _white;
    private readonly double _rms;
    private readonly double _periodS;
    private double _a;
    private double _scale;
    private double _stage1;
    private double _stage2;

    public ShapedNoise(GaussianStream white, double rms, double cornerHz, double rateHz)
    {
        _white = white;
        _rms = rms;
        _periodS = 1.0 / rateHz;
        SetCorner(cornerHz);

        // Start in the stationary state rather than at zero, so the first seconds are not quieter than the rest.
        for (int i = 0; i < 8 * (int)Math.Ceiling(rateHz / Math.Max(cornerHz, 1e-3)) && i < 200_000; i++)
        {
            Next();
        }
    }

    /// <summary>Changes the corner (the turbulence's with the slew rate), keeping the RMS.</summary>
    public void SetCorner(double cornerHz)
    {
        _a = Math.Exp(-2 * Math.PI * cornerHz * _periodS);
        double b = 1 - _a;
        double gain2 = b * b * b * b * (1 + (_a * _a)) / Math.Pow(1 - (_a * _a), 3);
        _scale = _rms / Math.Sqrt(gain2);
    }

    /// <summary>The next sample.</summary>
    // Per fine tick: compiled at first call with inlining across assemblies, which ReadyToRun code lacks (issue 16).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double Next()
    {
        double b = 1 - _a;
        _stage1 = (_a * _stage1) + (b * _white.Next());
        _stage2 = (_a * _stage2) + (b * _stage1);
        return _scale * _stage2;
    }
}
