using JinanOnboard.Primitives.Wire;
using JinanOnboard.Runtime.Messages;
using JinanOnboard.Protocol.Delivery;

namespace JinanOnboard.Ground.Components.TimeSync;

/// <summary>
/// OGS: follows the payload's sync words. Keeps the highest sync index seen, counts gaps (words
/// never received), and estimates the payload's sync period by a running least-squares fit of
/// emission time against index, which the detection stage uses to name pulses.
/// </summary>
public sealed class ClockDiscipline
{
    /// <summary>Batches that arrived beyond a gap: start index → end index (exclusive).</summary>
    private readonly SortedDictionary<ulong, ulong> _beyondGap = [];
    private ulong _contiguousEnd;
    private long _words;
    private long _batches;
    private double _n;
    private double _sumX;
    private double _sumY;
    private double _sumXx;
    private double _sumXy;
    private double _x0 = double.NaN;
    private double _y0;

    /// <summary>Sync words received.</summary>
    public long WordsReceived => _words;

    /// <summary>Batches received.</summary>
    public long Batches => _batches;

    /// <summary>One past the highest index up to which every word has arrived.</summary>
    public ulong ContiguousEnd => _contiguousEnd;

    /// <summary>Payload pass time of the latest sync word, seconds.</summary>
    public double LatestEmissionS { get; private set; }

    /// <summary>The payload's pass time as its latest sync word tells it: the OGS's pass clock.</summary>
    public TimeSpan LatestEmission => TimeSpan.FromSeconds(LatestEmissionS);

    /// <summary>This component's figures for the side's result.</summary>
    public void AddDetails(IDictionary<string, object> details)
    {
        ArgumentNullException.ThrowIfNull(details);
        details["sync_words_received"] = WordsReceived;
        details["sync_batches_received"] = Batches;
        details["sync_contiguous_end"] = ContiguousEnd;
        details["sync_period_ps"] = double.IsNaN(EstimatedPeriodPs) ? 0 : EstimatedPeriodPs;
    }

    /// <summary>Least-squares sync period, picoseconds (NaN until two words arrived).</summary>
    public double EstimatedPeriodPs
    {
        get
        {
            double denominator = (_n * _sumXx) - (_sumX * _sumX);
            return _n < 2 || denominator == 0 ? double.NaN : ((_n * _sumXy) - (_sumX * _sumY)) / denominator;
        }
    }

    /// <summary>Input: a sync word batch from the payload.</summary>
    public ValueTask OnMessageAsync(InboundMessage message, CancellationToken cancellationToken)
    {
        if (message.Type != SyncWordBatch.MessageType)
        {
            throw new MalformedMessageException($"time sync: unknown message type {message.Type}");
        }

        SyncWordBatch batch = SyncWordBatch.Decode(message.Data);
        _batches++;
        _words += batch.EmissionTimesPs.Length;
        for (int i = 0; i < batch.EmissionTimesPs.Length; i++)
        {
            Accumulate(batch.FirstIndex + (ulong)i, batch.EmissionTimesPs[i]);
        }

        LatestEmissionS = Math.Max(LatestEmissionS, batch.EmissionTimesPs[^1] * 1e-12);
        ulong batchEnd = batch.FirstIndex + (ulong)batch.EmissionTimesPs.Length;
        if (batch.FirstIndex <= _contiguousEnd)
        {
            _contiguousEnd = Math.Max(_contiguousEnd, batchEnd);

            // A late batch may close a gap: absorb the batches that were waiting beyond it.
            while (_beyondGap.Count > 0)
            {
                KeyValuePair<ulong, ulong> first = _beyondGap.First();
                if (first.Key > _contiguousEnd)
                {
                    break;
                }

                _contiguousEnd = Math.Max(_contiguousEnd, first.Value);
                _beyondGap.Remove(first.Key);
            }
        }
        else
        {
            _beyondGap[batch.FirstIndex] = Math.Max(batchEnd, _beyondGap.GetValueOrDefault(batch.FirstIndex));
        }

        return ValueTask.CompletedTask;
    }

    private void Accumulate(ulong index, long emissionPs)
    {
        // Centre on the first word so the sums stay well conditioned over 2.85 million words.
        if (double.IsNaN(_x0))
        {
            _x0 = index;
            _y0 = emissionPs;
        }

        double x = index - _x0;
        double y = emissionPs - _y0;
        _n++;
        _sumX += x;
        _sumY += y;
        _sumXx += x * x;
        _sumXy += x * y;
    }
}
