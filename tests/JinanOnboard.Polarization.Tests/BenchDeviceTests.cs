using JinanOnboard.Polarization.Calibration;
using JinanOnboard.Polarization.Jones;
using JinanOnboard.PolarizationBench;
using JinanOnboard.Primitives.Randomness;

namespace JinanOnboard.Polarization.Tests;

public sealed class BenchDeviceTests
{
    [Fact]
    public async Task A_mount_reports_its_motor_in_resolution_steps_and_the_plate_lags_by_half_the_backlash()
    {
        var mount = new SimulatedWaveplateMount("test", 0.02, 0.1);
        await mount.HomeAsync();

        Assert.Equal(30.0, await mount.MoveToAsync(30.003), 9);
        Assert.Equal(29.95, mount.PlateDegrees, 9);
        Assert.Equal(10.02, await mount.MoveToAsync(10.011), 9);
        Assert.Equal(10.07, mount.PlateDegrees, 9);
        Assert.Equal(350.0, await mount.MoveToAsync(-10), 9);
        Assert.Equal(350.0, await mount.GetAngleAsync(), 9);
    }

    [Theory]
    [InlineData(3.0)]
    [InlineData(40.0)]
    [InlineData(20000.0)]
    public void Poisson_draws_have_the_mean_and_variance_of_the_law(double mean)
    {
        SplitMix64 random = new(99);
        const int n = 20000;
        double sum = 0;
        double sumSquares = 0;
        for (int i = 0; i < n; i++)
        {
            long k = RandomDraws.Poisson(mean, ref random);
            sum += k;
            sumSquares += (double)k * k;
        }

        double m = sum / n;
        double variance = (sumSquares / n) - (m * m);
        Assert.InRange(m, mean - (5 * Math.Sqrt(mean / n)), mean + (5 * Math.Sqrt(mean / n)));
        Assert.InRange(variance / mean, 0.9, 1.1);
    }

    [Fact]
    public void The_decoder_splits_detections_between_the_analysers_and_the_source_floor_shows_as_wrong_counts()
    {
        var decoder = new SimulatedDecoder(5, 1e6, 0, 25);

        DecoderCounts counts = decoder.Count(Bb84State.H, JonesMatrix.Identity);

        Assert.InRange(counts.H, 495_000, 500_000);
        Assert.InRange(counts.V, 1300, 1900);
        Assert.InRange(counts.D, 248_000, 252_000);
        Assert.InRange(counts.A, 248_000, 252_000);
    }

    [Fact]
    public void The_fibre_drifts_slowly_with_temperature()
    {
        var fibre = new SingleModeFibre(1, 0.05, 2, 300);

        double fidelity = JonesMatrix.ProcessFidelity(fibre.At(0), fibre.At(300));
        Assert.InRange(fidelity, 0.99, 1.0 - 1e-6);
        Assert.Equal(fibre.At(0), new SingleModeFibre(1, 0.05, 2, 300).At(0));
    }
}
