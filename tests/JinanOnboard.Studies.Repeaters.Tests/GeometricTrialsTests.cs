using JinanOnboard.Primitives.Randomness;
using JinanOnboard.Studies.Repeaters.Simulation;

namespace JinanOnboard.Studies.Repeaters.Tests;

public sealed class GeometricTrialsTests
{
    [Theory]
    [InlineData(0.5)]
    [InlineData(0.01)]
    [InlineData(1e-4)]
    public void The_sample_mean_and_variance_match_one_over_p_and_q_over_p_squared(double p)
    {
        const int n = 400_000;
        SplitMix64 stream = SeedSequence.CreateGenerator(7, RepeaterSimulator.TrialsStream);
        double logFailure = GeometricTrials.LogFailure(p);
        double sum = 0;
        double sumSquares = 0;
        for (int i = 0; i < n; i++)
        {
            double k = GeometricTrials.Draw(ref stream, logFailure);
            Assert.True(k >= 1);
            sum += k;
            sumSquares += k * k;
        }

        double mean = sum / n;
        double variance = (sumSquares / n) - (mean * mean);
        double expectedVariance = (1 - p) / (p * p);
        double standardError = Math.Sqrt(expectedVariance / n);
        Assert.InRange(mean, (1 / p) - (5 * standardError), (1 / p) + (5 * standardError));
        Assert.InRange(variance / expectedVariance, 0.97, 1.03);
    }

    [Fact]
    public void The_first_values_follow_the_pmf()
    {
        const int n = 200_000;
        const double p = 0.3;
        SplitMix64 stream = new(11);
        double logFailure = GeometricTrials.LogFailure(p);
        int ones = 0;
        int twos = 0;
        for (int i = 0; i < n; i++)
        {
            long k = GeometricTrials.Draw(ref stream, logFailure);
            ones += k == 1 ? 1 : 0;
            twos += k == 2 ? 1 : 0;
        }

        Assert.Equal(p, ones / (double)n, 0.005);
        Assert.Equal(p * (1 - p), twos / (double)n, 0.005);
    }

    [Fact]
    public void Certain_success_takes_one_trial_and_still_advances_the_stream()
    {
        SplitMix64 stream = new(3);
        SplitMix64 reference = new(3);
        Assert.Equal(1, GeometricTrials.Draw(ref stream, GeometricTrials.LogFailure(1.0)));
        reference.Next();
        Assert.Equal(reference.Next(), stream.Next());
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void Impossible_probabilities_are_refused(double p) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => GeometricTrials.LogFailure(p));

    [Fact]
    public void A_cycle_of_M_modes_succeeds_with_one_minus_q_to_the_M()
    {
        Assert.Equal(0.75, GeometricTrials.PerCycleProbability(0.5, 2), 15);
        Assert.Equal(1.0 - Math.Pow(0.99, 100), GeometricTrials.PerCycleProbability(0.01, 100), 14);
        Assert.Equal(1.0, GeometricTrials.PerCycleProbability(1e-12, 10) / 1e-11, 4); // M p for tiny p, no cancellation
    }
}
