using JinanOnboard.Source.Random;

namespace JinanOnboard.Source.Tests;

/// <summary>The scattered batch lookup (SIMD Philox where available) answers exactly as one lookup at a time.</summary>
public sealed class BatchLookupTests
{
    [Fact]
    public void Batch_lookup_equals_single_lookups_for_scattered_even_odd_and_huge_sequence_numbers()
    {
        var store = new PhiloxPulseRandomStore(0x5EED_1234_ABCDUL, SourceConfiguration.Jinan1);
        var random = new System.Random(7);
        long[] sequences = new long[1003];
        for (int i = 0; i < sequences.Length; i++)
        {
            sequences[i] = (i % 3) switch
            {
                0 => random.NextInt64(0, 1L << 20),
                1 => random.NextInt64(1L << 33, 1L << 40), // the counter's high word is non-zero
                _ => long.MaxValue - random.Next(1000),
            };
        }

        var batch = new PulseChoice[sequences.Length];
        store.GetChoicesAt(sequences, batch);
        for (int i = 0; i < sequences.Length; i++)
        {
            Assert.Equal(store.GetChoice(sequences[i]), batch[i]);
        }
    }

    [Fact]
    public void The_interface_default_and_the_store_agree_and_both_refuse_bad_input()
    {
        var store = new PhiloxPulseRandomStore(3, SourceConfiguration.Jinan1);
        IPulseRandomStore viaInterface = store;
        long[] sequences = [5, 4, 1_000_000_001, 0, 77, 76, 75];
        var a = new PulseChoice[sequences.Length];
        viaInterface.GetChoicesAt(sequences, a);
        Assert.Equal(sequences.Select(store.GetChoice), a);
        Assert.Throws<ArgumentException>(() => store.GetChoicesAt(sequences, new PulseChoice[2]));
        Assert.Throws<ArgumentOutOfRangeException>(() => store.GetChoicesAt([1, 2, -3, 4, 5], new PulseChoice[5]));
    }
}
