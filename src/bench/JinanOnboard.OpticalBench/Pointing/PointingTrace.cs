using JinanOnboard.Physics.Budgets;

namespace JinanOnboard.OpticalBench.Pointing;

/// <summary>
/// One end's fine pointing error over the pass as the light sees it: a sample per fine-loop cycle (sample k at pass
/// time k / rate), kept as the dynamic pointing transmittance T_point = exp(−2 θe²/θd²) of models.md §2. The channel
/// simulation runs ahead of the firmware on its own thread, so a query waits until the loops have reached the time asked
/// (or the trace has ended: then the last sample holds; or it was lost: then nothing arrives, T = 0).
/// </summary>
public sealed class PointingTrace
{
    private const int ChunkSamples = 1 << 16;
    private readonly List<float[]> _chunks = [];
    private readonly object _gate = new(); // a monitor: queries wait on it for the loops to catch up
    private readonly TimeSpan _stallTimeout;
    private long _count;
    private double _sumTransmittance;
    private double _sumSquareErrorUrad2;

    // The lowest sample index a waiting query needs (it waits while _count <= this): an append wakes the waiters only
    // once that sample is in, not at each of the fine loop's 2000 samples a second (issue 16: the channel thread, running
    // ahead, woke per sample to find it still short).
    private long _wakeAfterIndex = long.MaxValue;

    /// <param name="name">"payload" or "ogs", for messages.</param>
    /// <param name="rateHz">Samples per second (the fine loop's rate).</param>
    /// <param name="halfAngleUrad">θd: the beam's divergence half-angle (payload) or the receiver's field half-angle (OGS), µrad.</param>
    /// <param name="stallTimeout">How long a query waits, wall clock, for a trace that stops growing before declaring it lost.</param>
    public PointingTrace(string name, int rateHz, double halfAngleUrad, TimeSpan stallTimeout)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rateHz);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(halfAngleUrad);
        Name = name;
        RateHz = rateHz;
        HalfAngleUrad = halfAngleUrad;
        _stallTimeout = stallTimeout;
    }

    public string Name { get; }

    public int RateHz { get; }

    public double HalfAngleUrad { get; }

    /// <summary>Samples received.</summary>
    public long Count
    {
        get
        {
            lock (_gate)
            {
                return _count;
            }
        }
    }

    /// <summary>True once the end said its pass is over.</summary>
    public bool Completed { get; private set; }

    /// <summary>Why the trace was lost (its end died, the path broke, it stalled), or null.</summary>
    public string? LostReason { get; private set; }

    /// <summary>Pass time of the last sample before the loss, s.</summary>
    public double? LostAtS { get; private set; }

    /// <summary>Mean T_point over every sample received.</summary>
    public double OverallMeanTransmittance
    {
        get
        {
            lock (_gate)
            {
                return _count == 0 ? double.NaN : _sumTransmittance / _count;
            }
        }
    }

    /// <summary>RMS radial fine error over every sample received, µrad.</summary>
    public double RmsErrorUrad
    {
        get
        {
            lock (_gate)
            {
                return _count == 0 ? double.NaN : Math.Sqrt(_sumSquareErrorUrad2 / _count);
            }
        }
    }

    /// <summary>Mean T_point over each whole second of the samples received (second k: samples in [k, k + 1) s).</summary>
    public double[] MeanTransmittancePerSecond()
    {
        lock (_gate)
        {
            int seconds = (int)((_count + RateHz - 1) / RateHz);
            var means = new double[seconds];
            for (int k = 0; k < seconds; k++)
            {
                long first = (long)k * RateHz;
                long end = Math.Min(_count, first + RateHz);
                double sum = 0;
                for (long i = first; i < end; i++)
                {
                    sum += _chunks[(int)(i / ChunkSamples)][i % ChunkSamples];
                }

                means[k] = Math.Round(sum / (end - first), 5);
            }

            return means;
        }
    }

    /// <summary>Adds the next sample (radial error components, µrad).</summary>
    public void Append(double xUrad, double yUrad)
    {
        double e2 = (xUrad * xUrad) + (yUrad * yUrad);
        float t = (float)LinkPhysics.PointingTransmittance(Math.Sqrt(e2) * 1e-6, HalfAngleUrad * 1e-6);
        lock (_gate)
        {
            int chunk = (int)(_count / ChunkSamples);
            if (chunk == _chunks.Count)
            {
                _chunks.Add(new float[ChunkSamples]);
            }

            _chunks[chunk][_count % ChunkSamples] = t;
            _count++;
            _sumTransmittance += t;
            _sumSquareErrorUrad2 += e2;
            if (_count > _wakeAfterIndex)
            {
                _wakeAfterIndex = long.MaxValue; // each waiter still short of its sample sets it again
                Monitor.PulseAll(_gate);
            }
        }
    }

    /// <summary>The end's pass is over: queries past the last sample hold it.</summary>
    public void Complete()
    {
        lock (_gate)
        {
            Completed = true;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>The trace is lost (its end stopped sending): from its last sample on, no light (T = 0).</summary>
    public void Lose(string reason)
    {
        lock (_gate)
        {
            if (!Completed && LostReason is null)
            {
                LostReason = reason;
                LostAtS = (double)_count / RateHz;
            }

            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>
    /// Mean T_point over the samples in (<paramref name="fromS"/>, <paramref name="toS"/>] (at least the one at or before
    /// <paramref name="toS"/>): what the photons emitted in that interval see. Waits until the trace covers it.
    /// </summary>
    public double MeanTransmittance(double fromS, double toS)
    {
        long first = Math.Max(0, (long)Math.Floor(fromS * RateHz) + 1);
        long last = Math.Max(0, (long)Math.Floor(toS * RateHz));
        first = Math.Min(first, last);
        lock (_gate)
        {
            DateTime lastGrowth = default; // read only when the query has to wait (the clock is a syscall per channel segment)
            long seen = _count;
            while (_count <= last && !Completed && LostReason is null)
            {
                if (lastGrowth == default)
                {
                    lastGrowth = DateTime.UtcNow;
                }

                _wakeAfterIndex = Math.Min(_wakeAfterIndex, last);
                Monitor.Wait(_gate, TimeSpan.FromMilliseconds(200));
                if (_count != seen)
                {
                    seen = _count;
                    lastGrowth = DateTime.UtcNow;
                }
                else if (DateTime.UtcNow - lastGrowth > _stallTimeout)
                {
                    LostReason = $"no {Name} pointing sample for {_stallTimeout.TotalSeconds:0} s";
                    LostAtS = (double)_count / RateHz;
                }
            }

            if (_count == 0)
            {
                return LostReason is null ? 1.0 : 0.0;
            }

            if (last >= _count)
            {
                if (LostReason is not null)
                {
                    return 0.0; // the end is gone: its beam with it
                }

                last = _count - 1;
                first = Math.Min(first, last);
            }

            double sum = 0;
            for (long k = first; k <= last; k++)
            {
                sum += _chunks[(int)(k / ChunkSamples)][k % ChunkSamples];
            }

            return sum / (last - first + 1);
        }
    }
}
