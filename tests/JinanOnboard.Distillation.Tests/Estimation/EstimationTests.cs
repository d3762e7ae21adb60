using JinanOnboard.Distillation.Estimation;

namespace JinanOnboard.Distillation.Tests.Estimation;

public sealed class EstimationTests
{
    [Fact]
    public void Error_counts_land_in_the_class_of_each_corrected_position()
    {
        byte[] noisy = [0b0000_0101, 0b1000_0000];
        byte[] corrected = [0b0000_0100, 0b0000_0000];
        byte[] classes = [.. Enumerable.Range(0, 16).Select(i => (byte)(i % 6))];
        var errors = new long[6];
        long total = ErrorCounts.Accumulate(noisy, corrected, classes, errors);
        Assert.Equal(2, total);
        Assert.Equal(1, errors[0]); // position 0
        Assert.Equal(1, errors[15 % 6]); // position 15
    }

    [Fact]
    public void Sampled_estimate_starts_at_the_default_then_counts_errors()
    {
        var estimator = new SampledQberEstimator(0.02);
        Assert.Equal(0.02, estimator.Estimate);
        for (int i = 0; i < 200; i++)
        {
            estimator.Add(i % 50 == 0);
        }

        Assert.Equal(0.02, estimator.Estimate, 12);
        estimator.Add(true);
        Assert.Equal(5.0 / 201, estimator.Estimate, 12);
    }
}
