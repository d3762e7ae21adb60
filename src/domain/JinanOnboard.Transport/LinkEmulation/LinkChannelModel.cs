namespace JinanOnboard.Transport.LinkEmulation;

/// <summary>
/// The random part of one direction, free of pipes and clocks so its statistics can be tested directly.
/// Streams of <see cref="LinkDirectionOptions.RandomStreams"/>: "loss" steps the Gilbert-Elliott chain once per chunk
/// (so the loss pattern depends only on the chunk index, never on outages or timing), "bit-errors" places bit errors;
/// "duplicate", "reorder" and "jitter" are drawn once per chunk by <see cref="DrawDelivery"/>, each only when its option
/// is set, so turning one on never shifts another's pattern (and a seed's loss and bit errors stay what they were).
/// A direction that does none of these draws nothing and needs no streams.
/// </summary>
internal sealed class LinkChannelModel
{
    /// <summary>Label of the loss stream under the direction's seed.</summary>
    public const string LossLabel = "loss";

    /// <summary>Label of the bit-error stream under the direction's seed.</summary>
    public const string BitErrorsLabel = "bit-errors";

    /// <summary>Label of the duplication stream under the direction's seed.</summary>
    public const string DuplicateLabel = "duplicate";

    /// <summary>Label of the reordering stream under the direction's seed.</summary>
    public const string ReorderLabel = "reorder";

    /// <summary>Label of the delay-jitter stream under the direction's seed.</summary>
    public const string JitterLabel = "jitter";

    private readonly LinkDirectionOptions _options;
    private readonly Func<double> _lossRandom;
    private readonly Func<double> _bitRandom;
    private readonly Func<double> _duplicateRandom;
    private readonly Func<double> _reorderRandom;
    private readonly Func<double> _jitterRandom;
    private readonly double _logNoError;
    private bool _bad;
    private long _bitsUntilError;

    public LinkChannelModel(LinkDirectionOptions options)
    {
        options.Validate();
        _options = options;
        _lossRandom = options.Loss.CanLose ? options.RandomStreams!(LossLabel) : NoDraws;
        _bitRandom = options.BitErrorRate is > 0 and < 1 ? options.RandomStreams!(BitErrorsLabel) : NoDraws;
        _duplicateRandom = options.DuplicateProbability > 0 ? options.RandomStreams!(DuplicateLabel) : NoDraws;
        _reorderRandom = options.ReorderProbability > 0 ? options.RandomStreams!(ReorderLabel) : NoDraws;
        _jitterRandom = options.Jitter > TimeSpan.Zero ? options.RandomStreams!(JitterLabel) : NoDraws;
        _logNoError = double.LogP1(-options.BitErrorRate);
        _bitsUntilError = NextErrorGap();
    }

    /// <summary>Decides the fate of a chunk that starts at link time <paramref name="linkTime"/>, flipping bits in place.</summary>
    public ChunkFate Apply(TimeSpan linkTime, Span<byte> chunk, out int bitsFlipped)
    {
        bitsFlipped = 0;
        GilbertElliott ge = _options.Loss;
        bool lost = false;
        if (ge.CanLose)
        {
            double step = _lossRandom();
            _bad = _bad ? step >= ge.PBadToGood : step < ge.PGoodToBad;
            lost = _lossRandom() < (_bad ? ge.LossInBad : ge.LossInGood);
        }

        foreach (LinkOutage outage in _options.Outages)
        {
            if (outage.Contains(linkTime))
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
    /// Steps 5–7 of transports.md §4.3 for the chunk just given to <see cref="Apply"/>: call once per chunk whatever its
    /// fate (the draws then follow the chunk index, as the loss chain does). Each draw is made only when its option is set.
    /// </summary>
    public DeliveryDraw DrawDelivery()
    {
        if (!_options.DisordersDelivery)
        {
            return DeliveryDraw.InOrder;
        }

        bool duplicate = _options.DuplicateProbability > 0 && _duplicateRandom() < _options.DuplicateProbability;
        bool holdBack = _options.ReorderProbability > 0 && _reorderRandom() < _options.ReorderProbability;

        // Uniform in [0, Jitter], to the tick (100 ns): far below any delay or serialisation time that matters here.
        TimeSpan jitter = _options.Jitter > TimeSpan.Zero ? TimeSpan.FromTicks((long)Math.Round(_jitterRandom() * _options.Jitter.Ticks)) : TimeSpan.Zero;
        return new DeliveryDraw(duplicate, holdBack, jitter);
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

    /// <summary>The stream of a direction that needs none (Validate guarantees it is never drawn from).</summary>
    private static double NoDraws() => throw new InvalidOperationException("This link direction has no random streams.");

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

        double u = 1 - _bitRandom(); // (0, 1]
        double gap = Math.Floor(Math.Log(u) / _logNoError);
        return gap >= long.MaxValue / 4 ? long.MaxValue / 4 : (long)gap;
    }
}
