using System.Runtime.CompilerServices;
using JinanOnboard.Control.Configuration;
using JinanOnboard.Control.Pointing;
using JinanOnboard.Primitives.Randomness;

namespace JinanOnboard.PointingBench.Sensors;

/// <summary>
/// A tracking camera with a centroider: each frame exposes the true error (µrad per axis) with noise-equivalent-angle
/// Gaussian noise, is delivered <c>LatencyFrames</c> frames later, drops out with a probability per frame, and under
/// cloud reports a false target (one spot anywhere in the field, random intensity) with a probability per frame.
/// A beacon outside the field of view, not lit, or behind cloud gives an empty frame. Allocation-free per frame.
/// Only a camera whose intensity a loop reads (the coarse ones: the capture camera's arbitration window) draws intensity
/// noise; a fine camera reports the nominal 1, which saves one of the five normals of each fine tick (issue 16).
/// </summary>
public sealed class SimulatedCamera
{
    private readonly CameraSettings _settings;
    private readonly GaussianStream _noise;
    private readonly bool _measuresIntensity;
    private readonly CentroidFrame[] _pipeline;
    private int _head;

    /// <param name="settings">The camera's rate, field, NEA, latency, dropout and false-target figures.</param>
    /// <param name="noise">Its own stream (seed-derivation.md, <c>apt.*-camera</c>).</param>
    /// <param name="measuresIntensity">True to draw the spot's intensity noise (5% RMS); false reports a nominal 1.</param>
    public SimulatedCamera(CameraSettings settings, GaussianStream noise, bool measuresIntensity)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
        _noise = noise;
        _measuresIntensity = measuresIntensity;
        _pipeline = new CentroidFrame[settings.LatencyFrames + 1];
    }

    /// <summary>Frames that dropped out.</summary>
    public long Dropouts { get; private set; }

    /// <summary>False targets reported.</summary>
    public long FalseTargets { get; private set; }

    /// <summary>
    /// Exposes one frame of the true error (<paramref name="errorX"/>, <paramref name="errorY"/>, µrad) and returns the
    /// frame the camera delivers now (the one exposed <c>LatencyFrames</c> earlier).
    /// </summary>
    // Per fine tick: compiled at first call with inlining across assemblies, which ReadyToRun code lacks (issue 16).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public CentroidFrame Expose(double timeS, double errorX, double errorY, bool beaconLit, bool cloud)
    {
        double half = _settings.FieldOfViewUrad / 2;
        CentroidFrame frame;
        if (_settings.DropoutProbability > 0 && _noise.NextUniform() < _settings.DropoutProbability)
        {
            Dropouts++;
            frame = CentroidFrame.Empty(timeS);
        }
        else if (cloud)
        {
            if (_settings.FalseTargetProbability > 0 && _noise.NextUniform() < _settings.FalseTargetProbability)
            {
                FalseTargets++;
                frame = new CentroidFrame(timeS, half * ((2 * _noise.NextUniform()) - 1), half * ((2 * _noise.NextUniform()) - 1), 1, 4 * _noise.NextUniform());
            }
            else
            {
                frame = CentroidFrame.Empty(timeS);
            }
        }
        else if (beaconLit && Math.Abs(errorX) <= half && Math.Abs(errorY) <= half)
        {
            double intensity = _measuresIntensity ? 1 + (0.05 * _noise.Next()) : 1;
            frame = new CentroidFrame(timeS, errorX + (_settings.NeaUrad * _noise.Next()), errorY + (_settings.NeaUrad * _noise.Next()), 1, intensity);
        }
        else
        {
            frame = CentroidFrame.Empty(timeS);
        }

        _pipeline[_head] = frame;
        _head = (_head + 1) % _pipeline.Length;
        return _pipeline[_head]; // the oldest: exposed LatencyFrames frames ago (empty until the pipeline fills)
    }
}
