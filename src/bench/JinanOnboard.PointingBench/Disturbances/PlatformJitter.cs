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
    private readonly double _periodS;
    private readonly double[] _stepSin; // per harmonic: sin and cos of its phase advance over one sample period
    private readonly double[] _stepCos;
    private readonly double[] _sin; // per harmonic: sin and cos of its phase at the last sample
    private readonly double[] _cos;
    private double _lastTimeS = double.NaN;
    private int _stepsSinceAnchor;
    private double _state;

    /// <summary>Samples between exact sin/cos evaluations of the harmonics; the rotation in between drifts ~1e-16 per step.</summary>
    private const int AnchorEverySamples = 1000;

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
        _periodS = 1.0 / rateHz;
        _stepSin = new double[_amplitudes.Length];
        _stepCos = new double[_amplitudes.Length];
        _sin = new double[_amplitudes.Length];
        _cos = new double[_amplitudes.Length];
        for (int k = 0; k < _amplitudes.Length; k++)
        {
            (_stepSin[k], _stepCos[k]) = Math.SinCos(_wheelRadPerS * (k + 1) * _periodS);
        }
    }

    /// <summary>The jitter at <paramref name="timeS"/>, µrad; call once per sample in time order.</summary>
    public double Next(double timeS)
    {
        _state = (_a * _state) + ((1 - _a) * _white.Next());
        double value = _scale * _state;

        // The wheel lines, sin(k·ω·t + φ_k): at the loop's rate each sample is the last one turned by a fixed angle (a
        // rotation of the phasor, two multiply-adds) instead of a sine per line per sample (six per fine tick, issue 16);
        // exact sines again every AnchorEverySamples samples, or whenever the samples are not one period apart.
        bool nextSample = Math.Abs(timeS - _lastTimeS - _periodS) < 1e-6 * _periodS && _stepsSinceAnchor < AnchorEverySamples;
        for (int k = 0; k < _amplitudes.Length; k++)
        {
            if (nextSample)
            {
                double sin = (_sin[k] * _stepCos[k]) + (_cos[k] * _stepSin[k]);
                _cos[k] = (_cos[k] * _stepCos[k]) - (_sin[k] * _stepSin[k]);
                _sin[k] = sin;
            }
            else
            {
                (_sin[k], _cos[k]) = Math.SinCos((_wheelRadPerS * (k + 1) * timeS) + _phases[k]);
            }

            value += _amplitudes[k] * _sin[k];
        }

        _stepsSinceAnchor = nextSample ? _stepsSinceAnchor + 1 : 0;
        _lastTimeS = timeS;
        return value;
    }
}
