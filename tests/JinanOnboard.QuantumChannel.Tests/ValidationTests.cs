using JinanOnboard.Primitives.TimeTags;
using JinanOnboard.Source;
using JinanOnboard.Source.Random;

using JinanOnboard.QuantumChannel.Profiles;
using JinanOnboard.QuantumChannel.Simulation;

namespace JinanOnboard.QuantumChannel.Tests;

public sealed class ValidationTests
{
    private static readonly ConstantChannelProfile Quiet = new(1e-3, 100, 0.01, 1e-3);

    [Fact]
    public void A_store_shorter_than_the_pass_is_refused()
    {
        using var shortStore = new RecordedPulseRandomStore(new MemoryStream(new byte[800]), SourceConfiguration.Jinan1);
        ArgumentException error = Assert.Throws<ArgumentException>(() =>
            new QuantumChannelSimulator(shortStore, SourceConfiguration.Jinan1, Quiet, new ChannelSimulationOptions { DurationSeconds = 1 }));
        Assert.Contains("holds 100", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_detectors_are_refused_with_the_field_named()
    {
        var options = new ChannelSimulationOptions { Detectors = new DetectorConfiguration { Efficiency = 1.5 } };
        ArgumentException error = Assert.Throws<ArgumentException>(() =>
            new QuantumChannelSimulator(new PhiloxPulseRandomStore(1, SourceConfiguration.Jinan1), SourceConfiguration.Jinan1, Quiet, options));
        Assert.Contains("Efficiency", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_profile_returning_nonsense_fails_loudly_instead_of_clamping()
    {
        // The profile is first read by the first segment (a profile may wait for the pass), and fails there.
        var broken = new ConstantChannelProfile(1.5, 100, 0.01, 1e-3);
        var simulator = new QuantumChannelSimulator(new PhiloxPulseRandomStore(1, SourceConfiguration.Jinan1), SourceConfiguration.Jinan1, broken, new ChannelSimulationOptions());
        Assert.Throws<InvalidOperationException>(() => simulator.Read(new TimeTag[10]));
    }

    [Fact]
    public void A_zero_length_pass_yields_no_tags()
    {
        var simulator = new QuantumChannelSimulator(
            new PhiloxPulseRandomStore(1, SourceConfiguration.Jinan1), SourceConfiguration.Jinan1, Quiet, new ChannelSimulationOptions { DurationSeconds = 0 });
        Assert.True(simulator.IsComplete);
        Assert.Equal(0, simulator.Read(new TimeTag[10]));
    }

    [Fact]
    public void A_truth_buffer_shorter_than_the_tag_buffer_is_refused()
    {
        var simulator = new QuantumChannelSimulator(
            new PhiloxPulseRandomStore(1, SourceConfiguration.Jinan1), SourceConfiguration.Jinan1, Quiet, new ChannelSimulationOptions());
        Assert.Throws<ArgumentException>(() => simulator.ReadWithTruth(new TimeTag[10], new long[5]));
    }
}
