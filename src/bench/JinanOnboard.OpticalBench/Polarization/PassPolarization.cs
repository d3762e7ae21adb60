using JinanOnboard.Config.Model;
using JinanOnboard.Physics.Parameters;
using JinanOnboard.Physics.Timeline;
using JinanOnboard.Polarization;
using JinanOnboard.Polarization.Errors;
using JinanOnboard.Polarization.Geometry;
using JinanOnboard.PolarizationBench;

namespace JinanOnboard.OpticalBench.Polarization;

/// <summary>
/// The polarization part of the channel over a pass with every compensation off (<see cref="BenchSettings.PolarizationOff"/>,
/// system.md §Polarization compensation, Jones calculus): the source fibre's seeded unitary with its drift, the
/// compensator plates at home, the free-space frame rotation of the pass and the OGS half-wave plate at 0°. The residual
/// misalignment is the channel's error probability per second (the mean of the Z and X bases' errors; the detector
/// simulation adds the source's own contrast). With compensation the firmware calibrates over the link and the OGS half
/// is <see cref="OgsPolarizationBench"/>.
/// </summary>
public sealed class PassPolarization : IPolarizationChannel
{
    private readonly double[] _errorPerSecond;

    private PassPolarization(double[] errorPerSecond) => _errorPerSecond = errorPerSecond;

    /// <summary>Evaluates the uncompensated channel of the pass.</summary>
    public static PassPolarization CreateUncompensated(PassTimeline timeline, PhysicsParameterSet physics, ulong seed)
    {
        var settings = PolarizationSettings.From(physics);
        var rig = new PolarizationRig(settings, PassFrameRotationTable.Build(timeline, settings.OgsHalfWaveOffsetDegrees), seed);
        var perSecond = new double[rig.Table.Count];
        for (int t = 0; t < perSecond.Length; t++)
        {
            BasisErrors e = PolarizationErrorModel.Of(rig.UncompensatedAt(t));
            perSecond[t] = Math.Clamp((e.ZErrorProbability + e.XErrorProbability) / 2, 0, 0.5);
        }

        return new PassPolarization(perSecond);
    }

    /// <summary>The channel's polarization error probability at a pass time (linear between whole seconds).</summary>
    public double ErrorAt(double passSeconds)
    {
        if (passSeconds <= 0)
        {
            return _errorPerSecond[0];
        }

        int k = (int)passSeconds;
        if (k >= _errorPerSecond.Length - 1)
        {
            return _errorPerSecond[^1];
        }

        double f = passSeconds - k;
        return (_errorPerSecond[k] * (1 - f)) + (_errorPerSecond[k + 1] * f);
    }

    /// <summary>What the ground's result says about it (<c>polarization</c>).</summary>
    public object Details() => new
    {
        mode = BenchSettings.PolarizationOff,
        calibration = (object?)null,
        ogs_hwp_deg = (object?)null,
        channel_error_mean = Math.Round(_errorPerSecond.Average(), 6),
        channel_error_max = Math.Round(_errorPerSecond.Max(), 6),
        channel_error_per_s = _errorPerSecond.Select(e => Math.Round(e, 6)).ToArray(),
    };
}
