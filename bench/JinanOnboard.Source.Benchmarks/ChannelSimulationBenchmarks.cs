using BenchmarkDotNet.Attributes;
using JinanOnboard.Primitives.TimeTags;
using JinanOnboard.QuantumChannel;
using JinanOnboard.QuantumChannel.Profiles;
using JinanOnboard.QuantumChannel.Simulation;
using JinanOnboard.Source;
using JinanOnboard.Source.Random;

namespace JinanOnboard.Source.Benchmarks;

/// <summary>
/// Simulating the quantum channel of the default Jinan-1 pass (elevation-shaped profile, 60 deg
/// culmination, default detectors): one second at culmination, and the whole QKD window.
/// Events per second = tags (printed at setup) / mean time.
/// </summary>
[MemoryDiagnoser]
public class ChannelSimulationBenchmarks
{
    private readonly TimeTag[] _buffer = new TimeTag[65_536];
    private IChannelProfile _profile = null!;
    private double _durationSeconds;

    [Params("culmination-1s", "whole-pass")]
    public string Span { get; set; } = "culmination-1s";

    [GlobalSetup]
    public void Setup()
    {
        var pass = new ElevationShapedChannelProfile(new ElevationPassParameters());
        if (Span == "whole-pass")
        {
            _profile = pass;
            _durationSeconds = pass.WindowSeconds;
        }
        else
        {
            _profile = new TimeShiftedChannelProfile(pass, (pass.WindowSeconds / 2) - 0.5);
            _durationSeconds = 1.0;
        }

        QuantumChannelSimulator simulator = Create();
        long tags = Drain(simulator);
        Console.WriteLine($"// {Span}: {_durationSeconds:F1} s simulated, {tags} tags, {simulator.Statistics.SignalTags} detections, {simulator.Statistics.NoiseTags} noise, {simulator.Statistics.SyncTags} sync");
    }

    [Benchmark(Description = "simulate and read all tags")]
    public long Simulate() => Drain(Create());

    private QuantumChannelSimulator Create() => new(
        new PhiloxPulseRandomStore(0x5EED, SourceConfiguration.Jinan1),
        SourceConfiguration.Jinan1,
        _profile,
        new ChannelSimulationOptions { Seed = 1, DurationSeconds = _durationSeconds });

    private long Drain(QuantumChannelSimulator simulator)
    {
        long total = 0;
        int read;
        while ((read = simulator.Read(_buffer)) > 0)
        {
            total += read;
        }

        return total;
    }
}
