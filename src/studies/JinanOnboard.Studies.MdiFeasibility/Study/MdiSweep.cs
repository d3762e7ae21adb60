using JinanOnboard.Physics.Parameters;

namespace JinanOnboard.Studies.MdiFeasibility.Study;

/// <summary>Which parameter a sweep varies.</summary>
public enum MdiSweepParameter
{
    /// <summary>Circular-orbit height, km (400-600).</summary>
    Height,

    /// <summary>Minimum elevation of both uplinks, degrees (5-15).</summary>
    Elevation,

    /// <summary>Satellite receiver aperture radius R_r, metres (models.md §3).</summary>
    Aperture,

    /// <summary>Ground value C_0 of the Hufnagel-Valley C_n² profile, m^(-2/3) (models.md §3).</summary>
    Turbulence,
}

/// <summary>One point of a sweep: the value and what the scenario gave with it.</summary>
public sealed record MdiSweepPoint(double Value, int Windows, double WindowSeconds, double MinDualLossDb, double BestWindowKeyOptimisedBits, double BestWindowKeyFixedBits, double TotalKeyOptimisedBits, bool Feasible, double InfeasibleByDb);

/// <summary>Re-runs a scenario with one parameter changed per point (the uplink set copied with <see cref="PhysicsParameterSet.WithNumber"/>).</summary>
public static class MdiSweep
{
    /// <summary>The default values of each sweep: the ranges models.md §11 and the brief name.</summary>
    public static IReadOnlyList<double> DefaultValues(MdiSweepParameter parameter) => parameter switch
    {
        MdiSweepParameter.Height => [400, 450, 500, 550, 600],
        MdiSweepParameter.Elevation => [5, 7.5, 10, 12.5, 15],
        MdiSweepParameter.Aperture => [0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.25, 1.5],
        _ => [1e-15, 3e-15, 1e-14, 1.7e-14, 3e-14, 1e-13],
    };

    /// <summary>Unit of a sweep's values, for tables and axes.</summary>
    public static string Unit(MdiSweepParameter parameter) => parameter switch
    {
        MdiSweepParameter.Height => "km",
        MdiSweepParameter.Elevation => "deg",
        MdiSweepParameter.Aperture => "m, satellite receiver radius R_r",
        _ => "m^-2/3, ground C_0",
    };

    /// <summary>Run <paramref name="scenario"/> at each value; a value without common visibility gives a point with 0 windows.</summary>
    public static IReadOnlyList<MdiSweepPoint> Run(MdiScenario scenario, MdiSweepParameter parameter, IReadOnlyList<double> values, MdiStudyOptions options)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(values);
        if (parameter == MdiSweepParameter.Height && scenario.Orbit is not MdiOrbitSource.Circular)
        {
            throw new ArgumentException("a height sweep needs a circular orbit, not a TLE", nameof(parameter));
        }

        var points = new List<MdiSweepPoint>(values.Count);
        foreach (double v in values)
        {
            MdiScenario changed = parameter switch
            {
                MdiSweepParameter.Height => scenario with { Orbit = ((MdiOrbitSource.Circular)scenario.Orbit) with { AltitudeKm = v } },
                MdiSweepParameter.Elevation => scenario with { MinElevationDeg = v },
                MdiSweepParameter.Aperture => scenario with { UplinkSet = scenario.UplinkSet.WithNumber("receiver.radius_m", v) },
                _ => scenario with { UplinkSet = scenario.UplinkSet.WithNumber("link.ground_cn2_m_minus_2_3", v) },
            };
            try
            {
                MdiEvaluation e = MdiStudy.Run(changed, options);
                points.Add(new MdiSweepPoint(v, e.Windows.Count, e.Windows.Sum(w => w.DurationS), e.MinDualLossDb, e.BestWindowKeyOptimisedBits, e.BestWindowKeyFixedBits, e.Windows.Sum(w => w.KeyOptimisedBits), e.Feasible, e.InfeasibleByDb));
            }
            catch (NoCommonVisibilityException)
            {
                points.Add(new MdiSweepPoint(v, 0, 0, double.PositiveInfinity, 0, 0, 0, false, double.NaN));
            }
        }

        return points;
    }
}
