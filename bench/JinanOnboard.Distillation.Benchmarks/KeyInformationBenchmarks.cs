using BenchmarkDotNet.Attributes;
using JinanOnboard.Distillation.Exchange.Messages;

namespace JinanOnboard.Distillation.Benchmarks;

/// <summary>
/// The OGS's per-round encoding: one full round of 65 536 detections (Rice-coded gaps, ~21 000 pulses apart as in the
/// default pass) as the key-information message (the bit-at-a-time gap writer was ~8 % of the OGS's CPU).
/// </summary>
[MemoryDiagnoser]
public class KeyInformationBenchmarks
{
    private long[] _sequences = [];
    private byte[] _bases = [];
    private byte[] _sampled = [];
    private byte[] _sampledBits = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(5);
        _sequences = new long[65_536];
        long s = 1_000;
        for (int i = 0; i < _sequences.Length; i++)
        {
            s += 1 + (long)(-21_000 * Math.Log(1 - random.NextDouble()));
            _sequences[i] = s;
        }

        _bases = new byte[_sequences.Length / 8];
        _sampled = new byte[_sequences.Length / 8];
        random.NextBytes(_bases);
        _sampledBits = new byte[(_sampled.Length * 8 / 10) + 1];
    }

    [Benchmark(Description = "KeyInformation encode, 65 536 detections", OperationsPerInvoke = 65_536)]
    public int EncodeRound() => KeyInformationMessage.Encode(0, false, _sequences, _bases, _sampled, _sampledBits).Length;
}
