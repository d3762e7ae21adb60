using System.Numerics;
using JinanOnboard.Polarization.Jones;

namespace JinanOnboard.Polarization.Tests;

public sealed class JonesAlgebraTests
{
    [Fact]
    public void A_half_wave_plate_at_zero_swaps_diagonal_and_antidiagonal_and_keeps_H_and_V()
    {
        JonesMatrix hwp = Waveplate.HalfWave(0);

        Assert.Equal(1.0, JonesVector.AntiDiagonal.Overlap(hwp * JonesVector.Diagonal), 12);
        Assert.Equal(1.0, JonesVector.Diagonal.Overlap(hwp * JonesVector.AntiDiagonal), 12);
        Assert.Equal(1.0, JonesVector.Horizontal.Overlap(hwp * JonesVector.Horizontal), 12);
        Assert.Equal(1.0, JonesVector.Vertical.Overlap(hwp * JonesVector.Vertical), 12);
    }

    [Fact]
    public void A_half_wave_plate_at_22_5_degrees_turns_H_into_D()
    {
        Assert.Equal(1.0, JonesVector.Diagonal.Overlap(Waveplate.HalfWave(22.5) * JonesVector.Horizontal), 12);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(17.3)]
    [InlineData(45.0)]
    [InlineData(-71.9)]
    [InlineData(123.4)]
    public void Two_quarter_wave_plates_at_one_angle_are_exactly_a_half_wave_plate(double angle)
    {
        JonesMatrix twice = Waveplate.QuarterWave(angle) * Waveplate.QuarterWave(angle);
        JonesMatrix hwp = Waveplate.HalfWave(angle);

        Assert.True(Complex.Abs(twice.M00 - hwp.M00) < 1e-14 && Complex.Abs(twice.M01 - hwp.M01) < 1e-14
            && Complex.Abs(twice.M10 - hwp.M10) < 1e-14 && Complex.Abs(twice.M11 - hwp.M11) < 1e-14);
    }

    [Theory]
    [InlineData(0.0, 0.3)]
    [InlineData(33.0, 1.9)]
    [InlineData(-12.0, Math.PI)]
    public void Retarders_and_rotators_are_special_unitary(double angle, double retardance)
    {
        foreach (JonesMatrix m in new[] { Waveplate.Retarder(angle, retardance), Waveplate.Rotator(angle) })
        {
            Assert.True(m.UnitarityError() < 1e-14);
            Assert.True(Complex.Abs(m.Determinant - Complex.One) < 1e-14);
        }
    }

    [Theory]
    [InlineData(10.0, 0.0)]
    [InlineData(30.0, 50.0)]
    [InlineData(-20.0, 80.0)]
    public void A_half_wave_plate_mirrors_linear_polarization_about_its_axis(double plate, double input)
    {
        JonesVector linear = Waveplate.Rotator(input) * JonesVector.Horizontal;
        JonesVector expected = Waveplate.Rotator((2 * plate) - input) * JonesVector.Horizontal;

        Assert.Equal(1.0, expected.Overlap(Waveplate.HalfWave(plate) * linear), 12);
    }

    [Fact]
    public void The_four_states_sit_on_the_sphere_where_the_convention_says()
    {
        Assert.Equal(new StokesVector(1, 0, 0), Round(StokesVector.FromJones(JonesVector.Horizontal)));
        Assert.Equal(new StokesVector(-1, 0, 0), Round(StokesVector.FromJones(JonesVector.Vertical)));
        Assert.Equal(new StokesVector(0, 1, 0), Round(StokesVector.FromJones(JonesVector.Diagonal)));
        Assert.Equal(new StokesVector(0, -1, 0), Round(StokesVector.FromJones(JonesVector.AntiDiagonal)));
        Assert.Equal(new StokesVector(0, 0, 1), Round(StokesVector.FromJones(JonesVector.RightCircular)));
    }

    [Fact]
    public void Jones_to_Stokes_and_back_gives_the_same_state_and_fidelity_matches_the_sphere_formula()
    {
        for (ulong seed = 0; seed < 200; seed++)
        {
            JonesVector e = TestChannels.RandomUnitary(seed) * JonesVector.Horizontal;
            JonesVector f = TestChannels.RandomUnitary(seed + 1000) * JonesVector.Horizontal;
            StokesVector s = StokesVector.FromJones(e);

            Assert.Equal(1.0, s.DegreeOfPolarization, 12);
            Assert.Equal(1.0, e.Overlap(s.ToJones()), 12);
            Assert.Equal(e.Overlap(f), StokesVector.Fidelity(s, StokesVector.FromJones(f)), 12);
        }
    }

    [Fact]
    public void A_unitary_rotates_Stokes_vectors_by_its_Poincare_rotation_and_the_rotation_converts_back()
    {
        for (ulong seed = 0; seed < 200; seed++)
        {
            JonesMatrix u = TestChannels.RandomUnitary(seed);
            PoincareRotation r = PoincareRotation.FromJones(u);
            JonesVector e = TestChannels.RandomUnitary(seed + 5000) * JonesVector.Horizontal;

            StokesVector direct = StokesVector.FromJones(u * e);
            StokesVector rotated = r.Apply(StokesVector.FromJones(e));
            Assert.True(Math.Abs(direct.S1 - rotated.S1) + Math.Abs(direct.S2 - rotated.S2) + Math.Abs(direct.S3 - rotated.S3) < 1e-12);
            Assert.Equal(1.0, JonesMatrix.ProcessFidelity(u, r.ToJones()), 12);
            Assert.Equal(1.0, JonesMatrix.ProcessFidelity(JonesMatrix.Identity, (r.Transpose * r).ToJones()), 12);
        }
    }

    private static StokesVector Round(StokesVector s) => new(Math.Round(s.S1, 12) + 0.0, Math.Round(s.S2, 12) + 0.0, Math.Round(s.S3, 12) + 0.0);
}
