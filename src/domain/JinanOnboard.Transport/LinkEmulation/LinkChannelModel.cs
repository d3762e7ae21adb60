namespace JinanOnboard.Transport.LinkEmulation;

/// <summary>
/// The random part of one direction, free of pipes and clocks so its statistics can be tested directly.
/// Two generators from the direction's seed: one steps the Gilbert-Elliott chain once per chunk (so the loss
/// pattern depends only on the chunk index, never on outages or timing), the other places bit errors.
/// </summary>
internal sealed class LinkChannelModel
{
    private readonly LinkDirectionOptions _options;
    private readonly Random _lossRandom;
    private readonly Random _bitRandom;
    private readonly double _logNoError;
    private bool _bad;
    private long _bitsUntilError;

    public LinkChannelModel(LinkDirectionOptions options)
    {
        options.Validate();
        _options = options;
        _lossRandom = new Random(options.Seed);
        _bitRandom = new Random(unchecked((options.Seed * 1_000_003) ^ 0x5EED));
        _logNoError = double.LogP1(-options.BitErrorRate);
        _bitsUntilError = NextErrorGap();
    }

    /// <summary>Decides the fate of a chunk that starts at <paramref name="sinceStart"/>, flipping bits in place.</summary>
    public ChunkFate Apply(TimeSpan sinceStart, Span<byte> chunk, out int bitsFlipped)
    {
        bitsFlipped = 0;
        GilbertElliott ge = _options.Loss;
        double step = _lossRandom.NextDouble();
        _bad = _bad ? step >= ge.PBadToGood : step < ge.PGoodToBad;
        bool lost = _lossRandom.NextDouble() < (_bad ? ge.LossInBad : ge.LossInGood);

        foreach (LinkOutage outage in _options.Outages)
        {
            if (outage.Contains(sinceStart))
            {
                return ChunkFate.InOutage;
            }
        }

        if (lost)
        {
            return ChunkFate.Lost;
        }

        bitsFlipped = FlipBits(chunk);
        return ChunkFate.Delivered;
    }

    /// <summary>
    /// Independent bit errors without a draw per bit: the gap to the next error is geometric,
    /// floor(ln U / ln(1 − BER)), so the cost is per error, not per bit.
    /// </summary>
    private int FlipBits(Span<byte> chunk)
    {
        long bits = chunk.Length * 8L;
        long position = _bitsUntilError;
        int flipped = 0;
        while (position < bits)
        {
            // Bit j of a byte string is (b[j >> 3] >> (j & 7)) & 1, the project's bit convention.
            chunk[(int)(position >> 3)] ^= (byte)(1 << (int)(position & 7));
            flipped++;
            position += 1 + NextErrorGap();
        }

        _bitsUntilError = position - bits;
        return flipped;
    }

    private long NextErrorGap()
    {
        if (_options.BitErrorRate <= 0)
        {
            return long.MaxValue / 2;
        }

        if (_options.BitErrorRate >= 1)
        {
            return 0;
        }

        double u = 1 - _bitRandom.NextDouble(); // (0, 1]
        double gap = Math.Floor(Math.Log(u) / _logNoError);
        return gap >= long.MaxValue / 4 ? long.MaxValue / 4 : (long)gap;
    }
}
