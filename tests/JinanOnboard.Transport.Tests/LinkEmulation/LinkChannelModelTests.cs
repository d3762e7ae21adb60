using System.Numerics;
using JinanOnboard.Primitives.Randomness;
using JinanOnboard.Transport.LinkEmulation;

namespace JinanOnboard.Transport.Tests.LinkEmulation;

/// <summary>Statistics of the pure per-direction model, on many chunks (no pipes, no clock).</summary>
public sealed class LinkChannelModelTests
{
    private static ChunkFate[] Run(LinkDirectionOptions options, int chunks, int chunkBytes = 8)
    {
        var model = new LinkChannelModel(options);
        var fates = new ChunkFate[chunks];
        byte[] chunk = new byte[chunkBytes];
        for (int i = 0; i < chunks; i++)
        {
            fates[i] = model.Apply(TimeSpan.FromMilliseconds(i), chunk, out _);
        }

        return fates;
    }

    [Fact]
    public void Gilbert_elliott_loss_rate_matches_the_stationary_formula()
    {
        var ge = new GilbertElliott(PGoodToBad: 0.01, PBadToGood: 0.2, LossInGood: 0.001, LossInBad: 0.5);
        ChunkFate[] fates = Run(new LinkDirectionOptions { Loss = ge, RandomStreams = SeedSequence.UniformStreams(11) }, 1_000_000);

        double measured = fates.Count(f => f == ChunkFate.Lost) / (double)fates.Length;

        // π_B = 0.01 / 0.21 ≈ 0.0476; loss = π_G·0.001 + π_B·0.5 ≈ 0.0248.
        Assert.Equal(0.024762, ge.StationaryLossRate, 5);
        Assert.InRange(measured, ge.StationaryLossRate * 0.94, ge.StationaryLossRate * 1.06);
    }

    [Fact]
    public void Loss_comes_in_bursts_of_mean_length_one_over_p_bad_to_good()
    {
        var ge = new GilbertElliott(PGoodToBad: 0.02, PBadToGood: 0.25, LossInGood: 0, LossInBad: 1);
        ChunkFate[] fates = Run(new LinkDirectionOptions { Loss = ge, RandomStreams = SeedSequence.UniformStreams(12) }, 1_000_000);

        double meanBurst = MeanRun(fates);

        // Geometric sojourn in the bad state: mean 1 / p_bg = 4 chunks; σ of the mean over ~19 000 bursts ≈ 0.025.
        Assert.InRange(meanBurst, ge.MeanBadRunChunks - 0.2, ge.MeanBadRunChunks + 0.2);

        // The same loss rate without memory gives runs of about 1 / (1 − rate): bursts are the chain's doing.
        var independent = new GilbertElliott(0, 1, ge.StationaryLossRate, 0);
        Assert.InRange(MeanRun(Run(new LinkDirectionOptions { Loss = independent, RandomStreams = SeedSequence.UniformStreams(12) }, 1_000_000)), 1.0, 1.2);
    }

    [Fact]
    public void Bit_error_count_matches_the_rate_and_every_reported_flip_is_real()
    {
        const double ber = 1e-4;
        var model = new LinkChannelModel(new LinkDirectionOptions { BitErrorRate = ber, RandomStreams = SeedSequence.UniformStreams(13) });
        long flips = 0;
        long differing = 0;
        const int chunks = 1000;
        const int chunkBytes = 1000;
        for (int i = 0; i < chunks; i++)
        {
            byte[] chunk = new byte[chunkBytes];
            Assert.Equal(ChunkFate.Delivered, model.Apply(TimeSpan.Zero, chunk, out int flipped));
            flips += flipped;
            differing += chunk.Sum(b => BitOperations.PopCount(b));
        }

        // 8e6 bits at 1e-4: mean 800, σ ≈ 28; allow 5σ.
        Assert.InRange(flips, 800 - 140, 800 + 140);
        Assert.Equal(flips, differing);
    }

    [Fact]
    public void An_outage_drops_every_chunk_inside_it_and_none_outside()
    {
        var outage = new LinkOutage(TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(450));
        ChunkFate[] fates = Run(new LinkDirectionOptions { Outages = [outage], RandomStreams = SeedSequence.UniformStreams(14) }, 1000);

        for (int ms = 0; ms < fates.Length; ms++)
        {
            Assert.Equal(ms is >= 300 and < 450 ? ChunkFate.InOutage : ChunkFate.Delivered, fates[ms]);
        }
    }

    [Fact]
    public void The_same_seed_gives_the_same_pattern_and_another_seed_does_not()
    {
        var options = new LinkDirectionOptions { Loss = new GilbertElliott(0.05, 0.3, 0.01, 0.8), BitErrorRate = 1e-3, RandomStreams = SeedSequence.UniformStreams(15) };
        (ChunkFate[] fates, byte[] bytes) first = RunWithBytes(options);
        (ChunkFate[] fates, byte[] bytes) again = RunWithBytes(options);
        (ChunkFate[] fates, byte[] bytes) other = RunWithBytes(options with { RandomStreams = SeedSequence.UniformStreams(16) });

        Assert.Equal(first.fates, again.fates);
        Assert.Equal(first.bytes, again.bytes);
        Assert.NotEqual(first.fates, other.fates);
    }

    [Fact]
    public void Outages_do_not_shift_the_loss_pattern_of_later_chunks()
    {
        var ge = new GilbertElliott(0.05, 0.3, 0, 1);
        ChunkFate[] clear = Run(new LinkDirectionOptions { Loss = ge, RandomStreams = SeedSequence.UniformStreams(17) }, 2000);
        ChunkFate[] cloudy = Run(new LinkDirectionOptions { Loss = ge, RandomStreams = SeedSequence.UniformStreams(17), Outages = [new(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(900))] }, 2000);

        Assert.Equal(clear.AsSpan(900).ToArray(), cloudy.AsSpan(900).ToArray());
    }

    [Fact]
    public void Out_of_range_options_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new LinkChannelModel(new LinkDirectionOptions { Loss = new GilbertElliott(1.5, 0, 0, 0) }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LinkChannelModel(new LinkDirectionOptions { BitErrorRate = -1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LinkChannelModel(new LinkDirectionOptions { BitRateBitsPerSecond = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LinkChannelModel(new LinkDirectionOptions { Outages = [new(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1))] }));
    }

    [Fact]
    public void The_loss_pattern_does_not_depend_on_whether_bits_are_also_flipped()
    {
        // Loss and bit errors draw from their own labelled streams: turning bit errors on adds a stream, it does not
        // shift the loss stream.
        var lossOnly = new LinkDirectionOptions { Loss = new GilbertElliott(0.05, 0.3, 0.01, 0.8), RandomStreams = SeedSequence.UniformStreams(18) };
        Assert.Equal(RunWithBytes(lossOnly).Fates, RunWithBytes(lossOnly with { BitErrorRate = 1e-3 }).Fates);
    }

    [Fact]
    public void A_direction_that_can_lose_or_flip_needs_random_streams_and_a_clear_one_draws_none()
    {
        Assert.Throws<ArgumentException>(() => new LinkChannelModel(new LinkDirectionOptions { Loss = new GilbertElliott(0.05, 0.3, 0, 1) }));
        Assert.Throws<ArgumentException>(() => new LinkChannelModel(new LinkDirectionOptions { BitErrorRate = 1e-6 }));

        var outage = new LinkOutage(TimeSpan.FromMilliseconds(2), TimeSpan.FromMilliseconds(3));
        var clear = new LinkDirectionOptions { Outages = [outage], RandomStreams = _ => throw new InvalidOperationException("a clear direction asked for a stream") };
        Assert.Equal([ChunkFate.Delivered, ChunkFate.Delivered, ChunkFate.InOutage, ChunkFate.Delivered], Run(clear, 4));
        Assert.All(Run(new LinkDirectionOptions { BitErrorRate = 1 }, 3), f => Assert.Equal(ChunkFate.Delivered, f));
    }

    private static (ChunkFate[] Fates, byte[] Bytes) RunWithBytes(LinkDirectionOptions options)
    {
        var model = new LinkChannelModel(options);
        var fates = new ChunkFate[500];
        byte[] all = new byte[500 * 64];
        for (int i = 0; i < fates.Length; i++)
        {
            fates[i] = model.Apply(TimeSpan.Zero, all.AsSpan(i * 64, 64), out _);
        }

        return (fates, all);
    }

    private static double MeanRun(ChunkFate[] fates)
    {
        long runs = 0;
        long lost = 0;
        for (int i = 0; i < fates.Length; i++)
        {
            if (fates[i] == ChunkFate.Lost)
            {
                lost++;
                if (i == 0 || fates[i - 1] != ChunkFate.Lost)
                {
                    runs++;
                }
            }
        }

        return lost / (double)runs;
    }
}
