using BenchmarkDotNet.Attributes;
using JinanOnboard.Source;
using JinanOnboard.Source.Random;

namespace JinanOnboard.Source.Benchmarks;

/// <summary>
/// Cost of looking up what the source did: one random pulse, a block of 4096, and 4096 scattered pulses in one batched
/// call (how the payload sifts a round and the channel simulation thins its candidates; SIMD Philox where AVX2 is).
/// </summary>
[MemoryDiagnoser]
public class PulseLookupBenchmarks
{
    private readonly PhiloxPulseRandomStore _store = new(0x5EED, SourceConfiguration.Jinan1);
    private readonly PulseChoice[] _block = new PulseChoice[4096];
    private readonly long[] _scattered = new long[4096];
    private long _sequence = 1;

    [GlobalSetup]
    public void Setup()
    {
        long s = 17;
        for (int i = 0; i < _scattered.Length; i++)
        {
            s += 1 + (i * 7919 % 40_000); // increasing, ~20 000 pulses apart as in a pass
            _scattered[i] = s;
        }
    }

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

    [Benchmark(Description = "GetChoicesAt, 4096 scattered pulses (batched)", OperationsPerInvoke = 4096)]
    public int GetChoicesAtScattered()
    {
        _store.GetChoicesAt(_scattered, _block);
        return _block[4095].Bit;
    }

    [Benchmark(Description = "GetChoice x 4096 scattered pulses (one by one)", OperationsPerInvoke = 4096)]
    public int GetChoiceEachScattered()
    {
        int bits = 0;
        foreach (long sequence in _scattered)
        {
            bits += _store.GetChoice(sequence).Bit;
        }

        return bits;
    }
}
