using JinanOnboard.Source.Random;

namespace JinanOnboard.Source.Tests;

/// <summary>Chi-square goodness of fit of the generated choices (fixed seeds, so deterministic).</summary>
public sealed class ChoiceStatisticsTests
{
    private const int Pulses = 1_200_000;

    // Upper 0.1% points of the chi-square distribution.
    private const double ChiSquare999Df1 = 10.828;
    private const double ChiSquare999Df2 = 13.816;
    private const double ChiSquare999Df11 = 31.264;

    public static TheoryData<ulong> Keys => new() { 1UL, 0xDEADBEEFUL, ulong.MaxValue };

    [Theory]
    [MemberData(nameof(Keys))]
    public void Intensity_basis_and_bit_follow_the_Jinan1_probabilities_jointly(ulong key)
    {
        SourceConfiguration config = SourceConfiguration.Jinan1;
        var store = new PhiloxPulseRandomStore(key, config);
        long[] joint = CountJoint(store, firstSequence: 1_000_000_007L);

        double[] expected = new double[12];
        for (int intensity = 0; intensity < 3; intensity++)
        {
            for (int basis = 0; basis < 2; basis++)
            {
                double pBasis = basis == 0 ? config.ZBasisProbability : 1 - config.ZBasisProbability;
                for (int bit = 0; bit < 2; bit++)
                {
                    expected[Cell(intensity, basis, bit)] = Pulses * config.IntensityProbability(intensity) * pBasis * 0.5;
                }
            }
        }

        Assert.InRange(ChiSquare(joint, expected), 0, ChiSquare999Df11);
    }

    [Fact]
    public void Non_dyadic_probabilities_are_realised_per_marginal()
    {
        var config = SourceConfiguration.Jinan1 with
        {
            SignalProbability = 0.7,
            DecoyProbability = 0.2,
            VacuumProbability = 0.1,
            ZBasisProbability = 0.9,
        };
        var store = new PhiloxPulseRandomStore(123, config);
        long[] joint = CountJoint(store, firstSequence: 0);

        long[] intensity = new long[3];
        long[] basis = new long[2];
        long[] bit = new long[2];
        for (int cell = 0; cell < 12; cell++)
        {
            intensity[cell / 4] += joint[cell];
            basis[(cell / 2) % 2] += joint[cell];
            bit[cell % 2] += joint[cell];
        }

        Assert.InRange(ChiSquare(intensity, [Pulses * 0.7, Pulses * 0.2, Pulses * 0.1]), 0, ChiSquare999Df2);
        Assert.InRange(ChiSquare(basis, [Pulses * 0.9, Pulses * 0.1]), 0, ChiSquare999Df1);
        Assert.InRange(ChiSquare(bit, [Pulses * 0.5, Pulses * 0.5]), 0, ChiSquare999Df1);
        Assert.Equal(0.7, store.RealisedIntensityProbability(0), 9);
        Assert.Equal(0.2, store.RealisedIntensityProbability(1), 9);
        Assert.Equal(0.1, store.RealisedIntensityProbability(2), 9);
    }

    [Fact]
    public void Dyadic_Jinan1_probabilities_are_realised_exactly()
    {
        var store = new PhiloxPulseRandomStore(5, SourceConfiguration.Jinan1);
        Assert.Equal(0.5, store.RealisedIntensityProbability(0));
        Assert.Equal(0.25, store.RealisedIntensityProbability(1));
        Assert.Equal(0.25, store.RealisedIntensityProbability(2));
    }

    private static long[] CountJoint(IPulseRandomStore store, long firstSequence)
    {
        long[] counts = new long[12];
        var buffer = new PulseChoice[4096];
        for (int done = 0; done < Pulses; done += buffer.Length)
        {
            Span<PulseChoice> span = buffer.AsSpan(0, Math.Min(buffer.Length, Pulses - done));
            store.GetChoices(firstSequence + done, span);
            foreach (PulseChoice choice in span)
            {
                counts[Cell(choice.IntensityIndex, (int)choice.Basis, choice.Bit)]++;
            }
        }

        return counts;
    }

    private static int Cell(int intensity, int basis, int bit) => (intensity * 4) + (basis * 2) + bit;

    private static double ChiSquare(long[] observed, double[] expected)
    {
        double sum = 0;
        for (int i = 0; i < observed.Length; i++)
        {
            double d = observed[i] - expected[i];
            sum += d * d / expected[i];
        }

        return sum;
    }
}
