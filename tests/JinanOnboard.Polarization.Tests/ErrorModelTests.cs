using JinanOnboard.Polarization.Compensation;
using JinanOnboard.Polarization.Errors;
using JinanOnboard.Polarization.Geometry;
using JinanOnboard.Polarization.Jones;
using JinanOnboard.PolarizationBench;

namespace JinanOnboard.Polarization.Tests;

public sealed class ErrorModelTests
{
    [Fact]
    public void Perfect_compensation_has_no_error_in_either_basis()
    {
        JonesMatrix fibre = TestChannels.RandomUnitary(4);
        (CompensatorAngles angles, _) = CompensatorSolver.Solve(fibre.Adjoint);

        BasisErrors errors = PolarizationErrorModel.Of(angles.ToJones() * fibre);

        Assert.True(errors.ZErrorProbability < 1e-9 && errors.XErrorProbability < 1e-9);
        Assert.Equal(BasisErrors.MaxContrastDb, errors.MinContrastDb);
    }

    [Fact]
    public void An_uncompensated_typical_fibre_errs_far_above_one_percent()
    {
        var means = Enumerable.Range(0, 200).Select(s => PolarizationErrorModel.Of(TestChannels.RandomUnitary((ulong)s)).MeanErrorProbability).Order().ToList();

        // A Haar-random fibre: each basis errs with probability uniform on [0, 1], so the median fibre is near 50 %.
        Assert.True(means[100] > 0.2, $"median {means[100]:P1}");
        Assert.True(means.Count(m => m > 0.01) > 190);
    }

    [Fact]
    public void A_small_rotation_errs_by_sine_squared_in_the_basis_it_tilts()
    {
        BasisErrors errors = PolarizationErrorModel.Of(Waveplate.Rotator(3));

        double expected = Math.Pow(Math.Sin(3 * Math.PI / 180), 2);
        Assert.Equal(expected, errors.ZErrorProbability, 12);
        Assert.Equal(expected, errors.XErrorProbability, 12);
    }

    [Fact]
    public void The_source_floor_combines_as_two_independent_flips_and_bounds_the_contrast()
    {
        double source = BasisErrors.ErrorProbabilityOfContrast(25);

        Assert.Equal(25.0, BasisErrors.ContrastDb(source), 10);
        Assert.Equal(source, PolarizationErrorModel.Of(JonesMatrix.Identity, 25).ZErrorProbability, 14);
        BasisErrors both = new BasisErrors(0.01, 0.02).WithSourceFloor(source);
        Assert.Equal(0.01 + source - (2 * 0.01 * source), both.ZErrorProbability, 14);
        Assert.True(both.MinContrastDb < 25);
    }

    [Fact]
    public async Task Over_the_default_pass_the_polarization_QBER_stays_within_one_percent_and_rises_when_compensation_is_off()
    {
        var rig = new PolarizationRig(PolarizationSettings.From(TestChannels.Physics), PassFrameRotationTable.Build(TestChannels.Pass()), 1);
        BenchCalibrationResult calibration = await CalibrationRun.RunAsync(rig, 0);

        IReadOnlyList<CompensationScenario> report = await PassPolarizationReport.EvaluateAsync(rig, calibration.EndPassSeconds);

        CompensationScenario on = report.Single(s => s.Name == "compensated");
        CompensationScenario frozen = report.Single(s => s.Name == "ogs_hwp_frozen");
        CompensationScenario off = report.Single(s => s.Name == "off");
        Assert.InRange(on.ZErrorProbability.Max, 0, 0.01);
        Assert.InRange(on.XErrorProbability.Max, 0, 0.01);
        Assert.True(frozen.ZErrorProbability.Max > 0.01, $"frozen HWP max {frozen.ZErrorProbability.Max:P2}");
        Assert.True(Math.Max(off.ZErrorProbability.Mean, off.XErrorProbability.Mean) > 0.01);
    }
}
