using JinanOnboard.Primitives.Randomness;
using JinanOnboard.Transport.LinkEmulation;

namespace JinanOnboard.Transport.Tests.LinkEmulation;

/// <summary>Steps 5–7 of transports.md §4.3 in the pure model: rates, bounds, and which streams are drawn.</summary>
public sealed class DeliveryDrawTests
{
    private const int Chunks = 200_000;

    [Fact]
    public void Duplication_rate_lies_within_binomial_bounds()
    {
        DeliveryDraw[] draws = Draw(new LinkDirectionOptions { DuplicateProbability = 0.05, RandomStreams = SeedSequence.UniformStreams(41) }, Chunks);

        // Binomial(200 000, 0.05): mean 10 000, σ = √(n p (1 − p)) ≈ 97.5; allow 5σ.
        Assert.InRange(draws.Count(d => d.Duplicate), 10_000 - 488, 10_000 + 488);
        Assert.All(draws, d => Assert.False(d.HoldBack || d.Jitter != TimeSpan.Zero));
    }

    [Fact]
    public void Hold_back_rate_lies_within_binomial_bounds()
    {
        DeliveryDraw[] draws = Draw(new LinkDirectionOptions { ReorderProbability = 0.02, RandomStreams = SeedSequence.UniformStreams(42) }, Chunks);

        // Binomial(200 000, 0.02): mean 4 000, σ ≈ 62.6; allow 5σ.
        Assert.InRange(draws.Count(d => d.HoldBack), 4_000 - 313, 4_000 + 313);
        Assert.DoesNotContain(draws, d => d.Duplicate);
    }

    [Fact]
    public void Jitter_is_uniform_between_zero_and_its_bound()
    {
        TimeSpan bound = TimeSpan.FromMilliseconds(20);
        DeliveryDraw[] draws = Draw(new LinkDirectionOptions { Jitter = bound, RandomStreams = SeedSequence.UniformStreams(43) }, Chunks);

        Assert.All(draws, d => Assert.InRange(d.Jitter, TimeSpan.Zero, bound));

        // Uniform on [0, 20 ms]: mean 10 ms, σ of the mean = 20 / √12 / √n ≈ 0.013 ms; a tenth of each end holds 10 %.
        double meanMs = draws.Average(d => d.Jitter.TotalMilliseconds);
        Assert.InRange(meanMs, 10 - 0.07, 10 + 0.07);
        Assert.InRange(draws.Count(d => d.Jitter < TimeSpan.FromMilliseconds(2)) / (double)Chunks, 0.097, 0.103);
        Assert.InRange(draws.Count(d => d.Jitter > TimeSpan.FromMilliseconds(18)) / (double)Chunks, 0.097, 0.103);
    }

    [Fact]
    public void By_default_no_delivery_stream_is_asked_for_and_nothing_is_drawn()
    {
        var asked = new List<string>();
        Func<string, Func<double>> streams = SeedSequence.UniformStreams(44);
        var options = new LinkDirectionOptions
        {
            Loss = new GilbertElliott(0.05, 0.3, 0.01, 0.8),
            BitErrorRate = 1e-3,
            RandomStreams = label => { asked.Add(label); return streams(label); },
        };

        var model = new LinkChannelModel(options);
        byte[] chunk = new byte[64];
        for (int i = 0; i < 1000; i++)
        {
            model.Apply(TimeSpan.Zero, chunk, out _);
            Assert.Equal(DeliveryDraw.InOrder, model.DrawDelivery());
        }

        Assert.Equal([LinkChannelModel.LossLabel, LinkChannelModel.BitErrorsLabel], asked);
    }

    [Fact]
    public void Turning_delivery_faults_on_leaves_a_seeds_loss_and_bit_error_pattern_bit_for_bit()
    {
        var before = new LinkDirectionOptions { Loss = new GilbertElliott(0.05, 0.3, 0.01, 0.8), BitErrorRate = 1e-3, RandomStreams = SeedSequence.UniformStreams(15) };
        var disordered = before with { DuplicateProbability = 0.5, ReorderProbability = 0.5, Jitter = TimeSpan.FromMilliseconds(100) };

        (ChunkFate[] Fates, byte[] Bytes) plain = FatesAndBytes(before, drawDelivery: false);
        (ChunkFate[] Fates, byte[] Bytes) withFaults = FatesAndBytes(disordered, drawDelivery: true);

        Assert.Equal(plain.Fates, withFaults.Fates);
        Assert.Equal(plain.Bytes, withFaults.Bytes);
    }

    [Fact]
    public void Each_delivery_fault_draws_from_its_own_stream_so_one_does_not_shift_another()
    {
        var duplicateOnly = new LinkDirectionOptions { DuplicateProbability = 0.3, RandomStreams = SeedSequence.UniformStreams(45) };
        var all = duplicateOnly with { ReorderProbability = 0.3, Jitter = TimeSpan.FromMilliseconds(5) };

        Assert.Equal(Draw(duplicateOnly, 5000).Select(d => d.Duplicate), Draw(all, 5000).Select(d => d.Duplicate));
    }

    [Fact]
    public void Out_of_range_delivery_faults_are_refused_and_a_faulty_direction_needs_streams()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new LinkChannelModel(new LinkDirectionOptions { DuplicateProbability = 0.51, RandomStreams = SeedSequence.UniformStreams(1) }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LinkChannelModel(new LinkDirectionOptions { ReorderProbability = -0.01, RandomStreams = SeedSequence.UniformStreams(1) }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LinkChannelModel(new LinkDirectionOptions { Jitter = TimeSpan.FromTicks(-1), RandomStreams = SeedSequence.UniformStreams(1) }));
        Assert.Throws<ArgumentException>(() => new LinkChannelModel(new LinkDirectionOptions { Jitter = TimeSpan.FromMilliseconds(1) }));
        Assert.Throws<ArgumentException>(() => new LinkChannelModel(new LinkDirectionOptions { DuplicateProbability = 0.01 }));
    }

    private static DeliveryDraw[] Draw(LinkDirectionOptions options, int chunks)
    {
        var model = new LinkChannelModel(options);
        byte[] chunk = new byte[16];
        var draws = new DeliveryDraw[chunks];
        for (int i = 0; i < chunks; i++)
        {
            model.Apply(TimeSpan.Zero, chunk, out _);
            draws[i] = model.DrawDelivery();
        }

        return draws;
    }

    private static (ChunkFate[] Fates, byte[] Bytes) FatesAndBytes(LinkDirectionOptions options, bool drawDelivery)
    {
        var model = new LinkChannelModel(options);
        var fates = new ChunkFate[2000];
        byte[] all = new byte[fates.Length * 64];
        for (int i = 0; i < fates.Length; i++)
        {
            fates[i] = model.Apply(TimeSpan.Zero, all.AsSpan(i * 64, 64), out _);
            if (drawDelivery)
            {
                model.DrawDelivery();
            }
        }

        return (fates, all);
    }
}
