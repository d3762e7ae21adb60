using JinanOnboard.Primitives.TimeTags;
using JinanOnboard.Source;
using JinanOnboard.Source.Random;

using JinanOnboard.QuantumChannel.Profiles;
using JinanOnboard.QuantumChannel.Simulation;

namespace JinanOnboard.QuantumChannel.Tests;

/// <summary>Runs a simulation to the end and keeps every tag with its ground truth.</summary>
internal sealed class SimulationRun
{
    private SimulationRun(QuantumChannelSimulator simulator, List<TimeTag> tags, List<long> truth)
    {
        Simulator = simulator;
        Tags = tags;
        Truth = truth;
    }

    public QuantumChannelSimulator Simulator { get; }

    public List<TimeTag> Tags { get; }

    public List<long> Truth { get; }

    public static SimulationRun Execute(
        IChannelProfile profile,
        ChannelSimulationOptions options,
        out IPulseRandomStore store,
        SourceConfiguration? source = null,
        int chunk = 4096,
        ulong storeKey = 99)
    {
        source ??= SourceConfiguration.Jinan1;
        store = new PhiloxPulseRandomStore(storeKey, source);
        var simulator = new QuantumChannelSimulator(store, source, profile, options);
        var tags = new List<TimeTag>();
        var truth = new List<long>();
        var tagBuffer = new TimeTag[chunk];
        long[] truthBuffer = new long[chunk];
        int read;
        while ((read = simulator.ReadWithTruth(tagBuffer, truthBuffer)) > 0)
        {
            tags.AddRange(tagBuffer.AsSpan(0, read));
            truth.AddRange(truthBuffer.AsSpan(0, read));
        }

        Assert.True(simulator.IsComplete);
        return new SimulationRun(simulator, tags, truth);
    }
}
