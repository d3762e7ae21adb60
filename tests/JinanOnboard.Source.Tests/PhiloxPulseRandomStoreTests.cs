using CsCheck;

using JinanOnboard.Source.Random;

namespace JinanOnboard.Source.Tests;

public sealed class PhiloxPulseRandomStoreTests
{
    // 300 s at 625 MHz.
    private const long PassPulses = 187_500_000_000L;

    [Fact]
    public void GetChoice_equals_the_matching_element_of_GetChoices_for_any_range()
    {
        var store = new PhiloxPulseRandomStore(42, SourceConfiguration.Jinan1);
        Gen.Select(Gen.Long[0, PassPulses], Gen.Int[0, 67])
            .Sample((first, length) =>
            {
                var range = new PulseChoice[length];
                store.GetChoices(first, range);
                for (int i = 0; i < length; i++)
                {
                    if (range[i] != store.GetChoice(first + i))
                    {
                        return false;
                    }
                }

                return true;
            });
    }

    [Fact]
    public void Lookup_is_stateless_so_order_of_queries_does_not_matter()
    {
        var store = new PhiloxPulseRandomStore(7, SourceConfiguration.Jinan1);
        PulseChoice late = store.GetChoice(PassPulses - 1);
        PulseChoice early = store.GetChoice(3);

        var fresh = new PhiloxPulseRandomStore(7, SourceConfiguration.Jinan1);
        Assert.Equal(early, fresh.GetChoice(3));
        Assert.Equal(late, fresh.GetChoice(PassPulses - 1));
    }

    [Fact]
    public void Lookups_allocate_nothing_so_memory_does_not_grow_with_pass_length()
    {
        var store = new PhiloxPulseRandomStore(9, SourceConfiguration.Jinan1);
        Span<PulseChoice> block = stackalloc PulseChoice[16];
        store.GetChoice(1);
        store.GetChoices(1, block);

        long before = GC.GetAllocatedBytesForCurrentThread();
        int signals = 0;
        for (long i = 0; i < 100_000; i++)
        {
            signals += store.GetChoice(i * 1_875_000L).IntensityIndex == 0 ? 1 : 0;
            store.GetChoices(i * 1_875_001L, block);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.InRange(signals, 1, 99_999);
    }

    [Fact]
    public void Different_keys_give_different_sequences()
    {
        var a = new PhiloxPulseRandomStore(1, SourceConfiguration.Jinan1);
        var b = new PhiloxPulseRandomStore(2, SourceConfiguration.Jinan1);
        int same = 0;
        for (long i = 0; i < 10_000; i++)
        {
            same += a.RawWord(i) == b.RawWord(i) ? 1 : 0;
        }

        Assert.Equal(0, same);
    }

    [Fact]
    public void Negative_or_overflowing_ranges_are_rejected()
    {
        var store = new PhiloxPulseRandomStore(1, SourceConfiguration.Jinan1);
        Assert.Throws<ArgumentOutOfRangeException>(() => store.GetChoice(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => store.GetChoices(-5, new PulseChoice[2]));
        Assert.Throws<ArgumentOutOfRangeException>(() => store.GetChoices(long.MaxValue - 1, new PulseChoice[4]));
    }

    [Fact]
    public void Invalid_configuration_is_refused_with_the_field_named()
    {
        var bad = SourceConfiguration.Jinan1 with { DecoyProbability = 0.4 };
        ArgumentException error = Assert.Throws<ArgumentException>(() => new PhiloxPulseRandomStore(1, bad));
        Assert.Contains("must be 1", error.Message, StringComparison.Ordinal);
    }
}
