using BenchmarkDotNet.Attributes;
using JinanOnboard.Source;

namespace JinanOnboard.Source.Benchmarks;

/// <summary>Cost of looking up what the source did: one random pulse, and a block of 4096.</summary>
[MemoryDiagnoser]
public class PulseLookupBenchmarks
{
    private readonly PhiloxPulseRandomStore _store = new(0x5EED, SourceConfiguration.Jinan1);
    private readonly PulseChoice[] _block = new PulseChoice[4096];
    private long _sequence = 1;

    [Benchmark(Description = "GetChoice, scattered sequence numbers")]
    public int GetChoiceScattered()
    {
        // Stride through a 300 s pass the way detections do (sparse, increasing).
        _sequence = (_sequence + 1_234_567) % 187_500_000_000L;
        return _store.GetChoice(_sequence).IntensityIndex;
    }

    [Benchmark(Description = "GetChoices, 4096 consecutive pulses", OperationsPerInvoke = 4096)]
    public int GetChoicesBlock()
    {
        _store.GetChoices(1_000_000_001L, _block);
        return _block[4095].Bit;
    }
}
