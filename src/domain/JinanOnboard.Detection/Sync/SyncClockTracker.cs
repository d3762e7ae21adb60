using JinanOnboard.Detection.Indexing;

namespace JinanOnboard.Detection.Sync;

/// <summary>
/// Recovers the payload's sync clock from the 9.5 kHz sync tags (system.md, time synchronisation):
/// acquires lock on a chain of tags spaced by a whole number of nominal periods, then tracks phase,
/// period and period change with an alpha-beta-gamma (third-order, type-3 PLL-equivalent) loop. The
/// loop follows the TDC frequency offset and the Doppler rate with its change over a pass without
/// steady-state error; missing sync words are bridged by extrapolating the quadratic (coasting), and
/// tags far from every predicted time are rejected.
/// </summary>
internal sealed class SyncClockTracker
{
    private const int CandidateCapacity = 8;
    private const int MaxAcquisitionGapWords = 4;

    private readonly PulseIndexerOptions options;
    private readonly double nominalSyncPeriodPs;
    private readonly long[] candidates = new long[CandidateCapacity];
    private int candidateCount;

    // Estimated local time of the last tracked sync word = basePs + phaseOffsetPs. The split keeps
    // full picosecond precision for TDC clocks that have run for days (a double alone would not).
    private long basePs;
    private double phaseOffsetPs;
    private double syncPeriodPs;
    private double periodChangePsPerWord;
    private double residualSumSquaresPs2;

    public SyncClockTracker(PulseIndexerOptions options)
    {
        this.options = options;
        nominalSyncPeriodPs = options.PulsePeriodPs * options.PulsesPerSyncWord;
    }

    /// <summary>True once a chain of sync tags has fixed phase, period and word numbering.</summary>
    public bool IsLocked { get; private set; }

    /// <summary>Index of the last tracked sync word.</summary>
    public long SyncWordIndex { get; private set; }

    /// <summary>Sync tags used to lock or update the loop.</summary>
    public long SyncWordsUsed { get; private set; }

    /// <summary>Sync words that should have arrived but did not (gaps bridged by coasting).</summary>
    public long SyncWordsMissed { get; private set; }

    /// <summary>Sync tags rejected as spurious.</summary>
    public long SpuriousTags { get; private set; }

    /// <summary>Times the tracker re-acquired after a gap longer than <see cref="PulseIndexerOptions.MaxCoastWords"/>.</summary>
    public long Reacquisitions { get; private set; }

    /// <summary>Current estimate of the local sync period, ps.</summary>
    public double SyncPeriodPs => syncPeriodPs;

    /// <summary>Estimated local time of the last tracked sync word, ps.</summary>
    public double SyncTimePs => basePs + phaseOffsetPs;

    /// <summary>RMS of the loop's prediction residuals over all used tags after lock, ps.</summary>
    public double ResidualRmsPs => SyncWordsUsed > 3 ? Math.Sqrt(residualSumSquaresPs2 / (SyncWordsUsed - 3)) : 0.0;

    /// <summary>Feeds one sync-channel tag, in time order.</summary>
    public SyncTagOutcome OnSyncTag(long timePs)
    {
        return IsLocked ? Track(timePs) : Acquire(timePs);
    }

    /// <summary>True when <paramref name="timePs"/> lies more than <see cref="PulseIndexerOptions.MaxDetectionCoastWords"/> sync periods after the last tracked sync word.</summary>
    public bool HasCoastedTooLong(long timePs) => (timePs - basePs) - phaseOffsetPs > options.MaxDetectionCoastWords * syncPeriodPs;

    /// <summary>
    /// Names the pulse slot nearest to a detection at <paramref name="timePs"/> (already corrected
    /// for its detector's delay), and how far from the slot centre it lies.
    /// </summary>
    public long LocatePulse(long timePs, double delayPs, out double residualPs)
    {
        double slotPeriodPs = syncPeriodPs / options.PulsesPerSyncWord;
        double sinceSyncPs = (timePs - basePs) - phaseOffsetPs - delayPs;
        // Local time of slot s after the sync: s p + c s^2 / (2 N^2) with p the slot period and c the
        // period change per word; one Newton step from the linear estimate is exact to far below 1 ps.
        double changePerSlot2 = periodChangePsPerWord / ((double)options.PulsesPerSyncWord * options.PulsesPerSyncWord);
        double slots = sinceSyncPs / slotPeriodPs;
        slots -= 0.5 * changePerSlot2 * slots * slots / slotPeriodPs;
        double nearest = Math.Round(slots);
        double slotTimePs = (nearest * slotPeriodPs) + (0.5 * changePerSlot2 * nearest * nearest);
        residualPs = sinceSyncPs - slotTimePs;
        return (SyncWordIndex * options.PulsesPerSyncWord) + (long)nearest;
    }

    private SyncTagOutcome Acquire(long timePs)
    {
        if (!TryFindChain(timePs, out long a, out int m0, out int m1))
        {
            return SyncTagOutcome.Acquiring;
        }

        IsLocked = true;
        SyncWordIndex = options.FirstSyncWordIndex + m0 + m1;
        basePs = timePs;
        phaseOffsetPs = 0.0;
        syncPeriodPs = (double)(timePs - a) / (m0 + m1);
        SyncWordsUsed = 3;
        SyncWordsMissed = m0 + m1 - 2;
        return SyncTagOutcome.Locked;
    }

    /// <summary>
    /// After a gap of more than <see cref="PulseIndexerOptions.MaxCoastWords"/> (a cloud), tags that miss the window
    /// are collected as in acquisition; a chain a → b → c re-locks phase and period on c, and c's word number comes from
    /// the time since the last tracked word (a sync period is 105 µs, the estimate is within a few microseconds). The
    /// period change is kept: the Doppler trend did not stop during the cloud.
    /// </summary>
    private SyncTagOutcome Reacquire(long timePs)
    {
        if (!TryFindChain(timePs, out long a, out int m0, out int m1))
        {
            SpuriousTags++;
            return SyncTagOutcome.Spurious;
        }

        // Word count across the gap by the trapezoid rule: the period moved from the one tracked before the cloud to
        // the one the fresh chain measures, close to linearly (constant Doppler rate change). The loop's period-change
        // estimate is too noisy to extrapolate over seconds (one word off after 10 s at 3e-7 /s, SyncRecoveryTests);
        // the chain's period, noisy by ~3e-7 relative, costs 0.01 word over 10 s.
        double chainPeriodPs = (double)(timePs - a) / (m0 + m1);
        double sinceLastPs = (timePs - basePs) - phaseOffsetPs;
        long words = (long)Math.Round(sinceLastPs / (0.5 * (syncPeriodPs + chainPeriodPs)));
        SyncWordIndex += words;
        SyncWordsMissed += words - 3;
        SyncWordsUsed += 3;
        SpuriousTags -= 2; // a and b were counted spurious; they are the chain
        basePs = timePs;
        phaseOffsetPs = 0.0;
        syncPeriodPs = chainPeriodPs;
        Reacquisitions++;
        return SyncTagOutcome.Used;
    }

    /// <summary>Whole sync periods from the last tracked word to <paramref name="timePs"/>, on the coasted quadratic.</summary>
    private long WordsSinceLast(long timePs)
    {
        double sinceLastPs = (timePs - basePs) - phaseOffsetPs;
        double periods = Math.Round(sinceLastPs / syncPeriodPs);
        if (periods >= 1.0)
        {
            // Refine the word count with the quadratic term, which matters only after long outages.
            double withChange = periods * (syncPeriodPs + (0.5 * periods * periodChangePsPerWord));
            periods = Math.Round(periods + ((sinceLastPs - withChange) / syncPeriodPs));
        }

        return (long)periods;
    }

    /// <summary>
    /// Looks for a → b → c = <paramref name="timePs"/> among the candidates, each step a whole number (1..4) of nominal
    /// periods with a common period: one stray tag cannot fake that, and a missing word inside the chain does not block
    /// lock. Without a chain the tag becomes a candidate.
    /// </summary>
    private bool TryFindChain(long timePs, out long first, out int m0, out int m1)
    {
        double toleranceFraction = options.AcquisitionTolerance;

        // Look for a -> b -> c, each step a whole number (1..4) of nominal periods with a common
        // period: one stray tag cannot fake that, and a missing word inside the chain does not block lock.
        for (int ib = candidateCount - 1; ib >= 0; ib--)
        {
            long b = candidates[ib];
            if (!TryWholePeriods(timePs - b, toleranceFraction, out int candidate1))
            {
                continue;
            }

            for (int ia = ib - 1; ia >= 0; ia--)
            {
                long a = candidates[ia];
                if (!TryWholePeriods(b - a, toleranceFraction, out int candidate0))
                {
                    continue;
                }

                double period0 = (double)(b - a) / candidate0;
                double period1 = (double)(timePs - b) / candidate1;
                if (Math.Abs(period1 - period0) > 2.0 * options.SyncGatePs)
                {
                    continue;
                }

                first = a;
                m0 = candidate0;
                m1 = candidate1;
                candidateCount = 0;
                return true;
            }
        }

        if (candidateCount == CandidateCapacity)
        {
            Array.Copy(candidates, 1, candidates, 0, CandidateCapacity - 1);
            candidateCount--;
        }

        candidates[candidateCount++] = timePs;
        first = 0;
        m0 = m1 = 0;
        return false;
    }

    private bool TryWholePeriods(long intervalPs, double toleranceFraction, out int periods)
    {
        double ratio = intervalPs / nominalSyncPeriodPs;
        periods = (int)Math.Round(ratio);
        return periods is >= 1 and <= MaxAcquisitionGapWords
            && Math.Abs(ratio - periods) <= toleranceFraction * periods;
    }

    private SyncTagOutcome Track(long timePs)
    {
        double sinceLastPs = (timePs - basePs) - phaseOffsetPs;
        long m = WordsSinceLast(timePs);
        if (m < 1)
        {
            SpuriousTags++;
            return SyncTagOutcome.Spurious;
        }

        if (m > options.MaxCoastWords)
        {
            // Even inside the (by now wide) window one tag cannot be trusted to correct microseconds of coasting error
            // through the loop gains: re-acquire on a chain instead.
            return Reacquire(timePs);
        }

        double residualPs = sinceLastPs - (m * syncPeriodPs) - (0.5 * m * m * periodChangePsPerWord);
        double windowPs = options.SyncGatePs + ((m - 1) * options.SyncGateGrowthPsPerMissedWord);
        if (Math.Abs(residualPs) > windowPs)
        {
            SpuriousTags++;
            return SyncTagOutcome.Spurious;
        }

        // Alpha-beta-gamma update (Kalata 1984; Brookner, "Tracking and Kalman Filtering Made Easy",
        // ch. 1): predict over m periods with the period change, then correct phase by alpha, period
        // by beta/m and period change by 2 gamma/m^2 of the innovation.
        double predictedPs = phaseOffsetPs + (m * syncPeriodPs) + (0.5 * m * m * periodChangePsPerWord);
        phaseOffsetPs = predictedPs + (options.LoopAlpha * residualPs);
        syncPeriodPs += (m * periodChangePsPerWord) + (options.LoopBeta * residualPs / m);
        periodChangePsPerWord += 2.0 * options.LoopGamma * residualPs / (m * m);
        SyncWordIndex += m;
        SyncWordsMissed += m - 1;
        SyncWordsUsed++;
        residualSumSquaresPs2 += residualPs * residualPs;

        long whole = (long)Math.Floor(phaseOffsetPs);
        basePs += whole;
        phaseOffsetPs -= whole;
        return SyncTagOutcome.Used;
    }
}
