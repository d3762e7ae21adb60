namespace JinanOnboard.Distillation.Tests.Exchange.TestSupport;

public sealed class MinSumLdpcCodecTests
{
    [Theory]
    [InlineData(0.005, 20_000)]
    [InlineData(0.01, 20_000)]
    [InlineData(0.02, 20_000)]
    [InlineData(0.03, 10_000)]
    public void Corrects_random_errors_at_the_qber_it_is_chosen_for(double qber, int packetBits)
    {
        var codec = new MinSumLdpcCodec();
        var random = new Random(17);
        int failures = 0;
        for (int frame = 0; frame < 5; frame++)
        {
            var sent = new byte[packetBits / 8];
            random.NextBytes(sent);
            var noisy = (byte[])sent.Clone();
            for (int j = 0; j < packetBits; j++)
            {
                if (random.NextDouble() < qber)
                {
                    noisy[j >> 3] ^= (byte)(1 << (j & 7));
                }
            }

            var choice = codec.SelectCode(qber, packetBits);
            var syndrome = new byte[(choice.SyndromeBits + 7) / 8];
            codec.ComputeSyndrome(choice.CodeId, packetBits, sent, syndrome);
            var corrected = new byte[sent.Length];
            bool ok = codec.TryDecode(choice.CodeId, packetBits, noisy, syndrome, qber, corrected);
            if (!ok || !corrected.AsSpan().SequenceEqual(sent))
            {
                failures++;
            }
        }

        Assert.Equal(0, failures);
    }
}
