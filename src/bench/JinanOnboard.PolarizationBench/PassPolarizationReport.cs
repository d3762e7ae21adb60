using JinanOnboard.Polarization.Errors;

namespace JinanOnboard.PolarizationBench;

/// <summary>Range of one quantity over the pass seconds of a report.</summary>
public readonly record struct PassRange(double Min, double Mean, double Max)
{
    internal static PassRange Of(IReadOnlyList<double> values) => values.Count == 0
        ? new PassRange(double.NaN, double.NaN, double.NaN)
        : new PassRange(values.Min(), values.Average(), values.Max());
}

/// <summary>The polarization error over the pass for one way of compensating (source floor included).</summary>
public sealed record CompensationScenario(string Name, PassRange ZErrorProbability, PassRange XErrorProbability);

/// <summary>
/// Polarization QBER over the pass after a calibration, every pass second from its end to the pass end, per basis with
/// the source's floor (<see cref="BasisErrors.WithSourceFloor"/>): with both compensations (OGS plate following the
/// geometry), with the OGS plate frozen where the calibration left it, and with every compensation off.
/// </summary>
public static class PassPolarizationReport
{
    /// <summary>Steps the OGS plate along the pass on its mount and evaluates the three cases.</summary>
    public static async Task<IReadOnlyList<CompensationScenario>> EvaluateAsync(PolarizationRig rig, double fromPassSeconds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rig);
        double sourceError = rig.Settings.SourceErrorProbability;
        double frozen = rig.OgsHalfWave.PlateDegrees;
        var following = (Z: new List<double>(), X: new List<double>());
        var held = (Z: new List<double>(), X: new List<double>());
        var off = (Z: new List<double>(), X: new List<double>());
        for (int t = (int)Math.Ceiling(fromPassSeconds); t < rig.Table.Count; t++)
        {
            await rig.OgsHalfWave.MoveToAsync(rig.Table.HalfWaveDegreesAt(t), cancellationToken);
            Add(following, PolarizationErrorModel.Of(rig.ChannelAt(t)).WithSourceFloor(sourceError));
            var heldChannel = rig.Table.FreeSpaceJones(t, frozen) * rig.CompensatorPlates.ToJones() * rig.Fibre.At(t);
            Add(held, PolarizationErrorModel.Of(heldChannel).WithSourceFloor(sourceError));
            Add(off, PolarizationErrorModel.Of(rig.UncompensatedAt(t)).WithSourceFloor(sourceError));
        }

        return
        [
            Scenario("compensated", following),
            Scenario("ogs_hwp_frozen", held),
            Scenario("off", off),
        ];
    }

    private static void Add((List<double> Z, List<double> X) into, BasisErrors e)
    {
        into.Z.Add(e.ZErrorProbability);
        into.X.Add(e.XErrorProbability);
    }

    private static CompensationScenario Scenario(string name, (List<double> Z, List<double> X) values) =>
        new(name, PassRange.Of(values.Z), PassRange.Of(values.X));
}
