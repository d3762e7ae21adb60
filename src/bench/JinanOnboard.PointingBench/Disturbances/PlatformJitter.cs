using System.Runtime.CompilerServices;
using JinanOnboard.Control.Configuration;
using JinanOnboard.Primitives.Randomness;

namespace JinanOnboard.PointingBench.Disturbances;

/// <summary>
/// Micro-vibration of the payload's optical bench, per axis, with the stated (assumed) spectrum: a random part whose PSD
/// is flat below a corner f₀ and falls as 1/f² above it (white noise through one pole, RMS scaled exactly:
/// Σh² = (1 − a)/(1 + a)), plus reaction-wheel harmonics k·f_w, k = 1..n, with the configured amplitudes and random
/// phases (the usual picture of a microsatellite's jitter: wheel imbalance lines over a broadband floor).
/// </summary>
public sealed class PlatformJitter
{
    private readonly GaussianStream _white;
    private readonly double _a;
    private readonly double _scale;
    private readonly double[] _amplitudes;
    private readonly double[] _phases;
    private readonly double _wheelRadPerS;
    private double _state;

    public PlatformJitter(JitterSettings settings, GaussianStream stream, double rateHz)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _white = stream;
        _a = Math.Exp(-2 * Math.PI * settings.CornerHz / rateHz);
        _scale = settings.RandomRmsUrad / Math.Sqrt((1 - _a) / (1 + _a));
        _amplitudes = [.. settings.HarmonicAmplitudesUrad];
        _phases = [.. _amplitudes.Select(_ => 2 * Math.PI * stream.NextUniform())];
        _wheelRadPerS = 2 * Math.PI * settings.WheelHz;
        _state = stream.Next() * Math.Sqrt((1 - _a) / (1 + _a));
    }

    /// <summary>The jitter at <paramref name="timeS"/>, µrad; call once per sample in time order.</summary>
    // Per fine tick: compiled at first call with inlining across assemblies, which ReadyToRun code lacks (issue 16).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double Next(double timeS)
    {
        _state = (_a * _state) + ((1 - _a) * _white.Next());
        double value = _scale * _state;
        for (int k = 0; k < _amplitudes.Length; k++)
        {
            value += _amplitudes[k] * Math.Sin((_wheelRadPerS * (k + 1) * timeS) + _phases[k]);
        }

        return value;
    }
}
