using CsCheck;
using JinanOnboard.Polarization.Compensation;
using JinanOnboard.Polarization.Jones;
using JinanOnboard.PolarizationBench;
using JinanOnboard.Primitives.Randomness;

namespace JinanOnboard.Polarization.Tests;

public sealed class CompensatorTests
{
    [Fact]
    public void Plates_at_home_are_the_identity()
    {
        Assert.Equal(1.0, JonesMatrix.ProcessFidelity(JonesMatrix.Identity, CompensatorAngles.Home.ToJones()), 14);
    }

    [Fact]
    public void The_solved_compensator_inverts_any_random_unitary_exactly()
    {
        Gen.ULong.Sample(
            seed =>
            {
                SplitMix64 random = new(seed);
                JonesMatrix fibre = SingleModeFibre.HaarRandom(ref random);
                (CompensatorAngles angles, double infidelity) = CompensatorSolver.Solve(fibre.Adjoint);

                Assert.True(infidelity < 1e-10, $"infidelity {infidelity} for seed {seed}");
                Assert.Equal(1.0, JonesMatrix.ProcessFidelity(JonesMatrix.Identity, angles.ToJones() * fibre), 9);
                Assert.InRange(angles.HalfWaveDegrees, 0, 180);
            },
            iter: 60);
    }

    [Fact]
    public void Folding_keeps_the_same_plates()
    {
        var angles = new CompensatorAngles(-30, 250, 540.5);

        Assert.Equal(1.0, JonesMatrix.ProcessFidelity(angles.ToJones(), angles.Folded().ToJones()), 12);
        Assert.Equal(new CompensatorAngles(150, 70, 0.5), angles.Folded());
    }
}
