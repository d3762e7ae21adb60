using JinanOnboard.Primitives.Detections;
using JinanOnboard.Primitives.TimeTags;
using JinanOnboard.Detection.Indexing;
using Xunit.Abstractions;

namespace JinanOnboard.Detection.Tests;

public sealed class SyncRecoveryTests(ITestOutputHelper output)
{
    [Fact]
    public void A_long_sync_outage_is_bridged_by_coasting_without_renumbering()
    {
        // 300 consecutive sync words (32 ms) lost, e.g. the comm receiver dropped out, 0.2 s into
        // tracking, with the largest Doppler rate change of a LEO pass (~3e-7 /s at culmination).
        SyntheticPass pass = new SyntheticPass
        {
            DurationSeconds = 0.3,
            AccelPerSecond = 3e-7,
            MissingRunStart = 1900,
            MissingRunLength = 300,
            SyncMissFraction = 0,
        }.Build();
        var indexer = new PulseIndexer(new PulseIndexerOptions { DetectorDelayPs = pass.DetectorDelayPs });

        List<PulseDetection> detections = IndexerRunner.Run(indexer, pass.Tags);

        int wrong = detections.Count(d => !pass.SignalTruth.TryGetValue(d.Sequence, out int det) || det != d.Detector);
        Assert.Equal(0, wrong);
        Assert.Equal(300, indexer.GetStatistics().SyncWordsMissed);
        double kept = (double)detections.Count / pass.Signals.Count;
        output.WriteLine($"kept {kept:F4} of signal with a 32 ms sync outage");
        Assert.InRange(kept, 0.985, 0.995);
    }

    [Fact]
    public void After_a_two_second_cloud_the_clock_reacquires_with_the_right_numbering()
    {
        // A cloud hides the satellite for 2 s (19 000 sync words and every photon) 0.5 s into tracking, with the
        // largest Doppler rate change of a LEO pass: the coasted clock is microseconds off when the light returns,
        // outside the window; the tracker must re-acquire and number the words from the coasted prediction, so no
        // detection after the cloud is given a wrong pulse number.
        SyntheticPass pass = new SyntheticPass
        {
            DurationSeconds = 3.0,
            AccelPerSecond = 3e-7,
            MissingRunStart = 4750,
            MissingRunLength = 19_000,
            SyncMissFraction = 0,
            SignalPerPulse = 2e-5,
        }.Build();
        var indexer = new PulseIndexer(new PulseIndexerOptions { DetectorDelayPs = pass.DetectorDelayPs });

        List<PulseDetection> detections = IndexerRunner.Run(indexer, pass.Tags);

        PulseIndexerStatistics stats = indexer.GetStatistics();
        int wrong = detections.Count(d => !pass.SignalTruth.TryGetValue(d.Sequence, out int det) || det != d.Detector);
        output.WriteLine($"detections {detections.Count} of {pass.Signals.Count} signals, wrong {wrong}, reacquisitions {stats.SyncReacquisitions}, missed {stats.SyncWordsMissed}, spurious {stats.SpuriousSyncTags}");
        Assert.Equal(0, wrong);
        Assert.Equal(1, stats.SyncReacquisitions);
        Assert.InRange(stats.SyncWordsMissed, 19_000, 19_010);

        // SyntheticPass still sends the photons of the gap (only its sync words are missing): those more than the
        // detection coasting limit (300 words, 32 ms) after the last sync word are dropped, not misnumbered; the rest
        // is kept.
        long coastEnd = (4750 + 300) * SyncSchedule.PulsesPerSyncWord;
        long gapEnd = (4750 + 19_000) * SyncSchedule.PulsesPerSyncWord;
        int expected = pass.Signals.Count(s => s.Sequence < coastEnd || s.Sequence >= gapEnd);
        double kept = (double)detections.Count / expected;
        Assert.True(kept is > 0.97 and <= 1.0, $"kept {kept:F4}");
    }

    [Theory]
    [InlineData(10.0, 3e-7)]
    [InlineData(10.0, 1e-6)]
    [InlineData(30.0, 3e-7)]
    [InlineData(30.0, -3e-7)]
    public void After_a_long_cloud_the_word_count_across_it_is_exact(double gapSeconds, double accelPerSecond)
    {
        // 10 and 30 s without sync light after 1 s of tracking: the word count comes from the time across the gap and
        // the periods at both ends (trapezoid), not from the loop's noisy period-change estimate.
        int gapWords = (int)(gapSeconds * 9500);
        SyntheticPass pass = new SyntheticPass
        {
            DurationSeconds = gapSeconds + 3,
            AccelPerSecond = accelPerSecond,
            MissingRunStart = 9500,
            MissingRunLength = gapWords,
            SyncMissFraction = 0,
            SpuriousSyncTags = 0,
            SignalPerPulse = 2e-6,
        }.Build();
        var indexer = new PulseIndexer(new PulseIndexerOptions { DetectorDelayPs = pass.DetectorDelayPs });

        List<PulseDetection> detections = IndexerRunner.Run(indexer, pass.Tags);

        PulseIndexerStatistics stats = indexer.GetStatistics();
        Assert.Equal(0, detections.Count(d => !pass.SignalTruth.TryGetValue(d.Sequence, out int det) || det != d.Detector));
        Assert.Equal(gapWords, stats.SyncWordsMissed);
        Assert.Equal(1, stats.SyncReacquisitions);
    }

    [Fact]
    public void Spurious_sync_tags_before_and_during_acquisition_do_not_shift_the_numbering()
    {
        long periodPs = SyncSchedule.PulsesPerSyncWord * 1600;
        long t0 = 1_000_000;
        var tags = new List<TimeTag>
        {
            new(TimeTag.SyncChannel, 10_000),                 // noise long before the pass
            new(TimeTag.SyncChannel, t0 - 3_000_000),         // noise just before sync word 0
        };
        for (int k = 0; k < 20; k++)
        {
            tags.Add(new TimeTag(TimeTag.SyncChannel, t0 + (k * periodPs)));
            tags.Add(new TimeTag(TimeTag.SyncChannel, t0 + (k * periodPs) + 37_000_000)); // noise mid-interval
        }

        tags.Add(new TimeTag(3, t0 + (19 * periodPs) + (1234 * 1600) + 250));
        var indexer = new PulseIndexer();
        var output = new PulseDetection[tags.Count];

        int n = indexer.Process([.. tags], output);
        n += indexer.Flush(output.AsSpan(n));

        Assert.Equal(1, n);
        Assert.Equal(new PulseDetection((19 * SyncSchedule.PulsesPerSyncWord) + 1234, 3), output[0]);
        PulseIndexerStatistics stats = indexer.GetStatistics();
        Assert.Equal(0, stats.SyncWordsMissed);
        Assert.Equal(20, stats.SyncWordsUsed);
    }

    [Fact]
    public void Recovered_clock_follows_drift_and_doppler_over_the_pass()
    {
        SyntheticPass pass = new SyntheticPass { DurationSeconds = 2.0, SignalPerPulse = 1e-5 }.Build();
        var indexer = new PulseIndexer(new PulseIndexerOptions { DetectorDelayPs = pass.DetectorDelayPs });
        var buffer = new PulseDetection[pass.Tags.Length];
        double worstRateErrorPpm = 0;
        const int chunk = 10_000;

        for (int start = 0; start < pass.Tags.Length; start += chunk)
        {
            ReadOnlySpan<TimeTag> slice = pass.Tags.AsSpan(start, Math.Min(chunk, pass.Tags.Length - start));
            indexer.Process(slice, buffer);
            if (!indexer.IsLocked)
            {
                continue;
            }

            // Compare with the true rate at the local time of the last tag of the chunk.
            double emissionPs = (slice[^1].TimePs - pass.OffsetPs) / (1.0 + pass.Rate);
            double truePpm = pass.RateAt(emissionPs) * 1e6;
            worstRateErrorPpm = Math.Max(worstRateErrorPpm, Math.Abs(indexer.GetStatistics().EstimatedRatePpm - truePpm));
        }

        PulseIndexerStatistics stats = indexer.GetStatistics();
        output.WriteLine($"rate {stats.EstimatedRatePpm:F4} ppm, true {pass.RateAt(2e12) * 1e6:F4} ppm, worst error {worstRateErrorPpm:F4} ppm");
        output.WriteLine($"offset {stats.EstimatedOffsetPs:F0} ps, sync residual RMS {stats.SyncResidualRmsPs:F1} ps, used {stats.SyncWordsUsed}, missed {stats.SyncWordsMissed}, spurious {stats.SpuriousSyncTags}");

        // The rate estimate lags the true rate change by far less than the ~0.5 ppm it would take
        // to move a slot edge by 50 ps within one sync interval.
        Assert.True(worstRateErrorPpm < 0.1, $"worst rate error {worstRateErrorPpm} ppm");
        // Sync jitter 100 ps FWHM = 42 ps RMS; the loop's predictions should sit close to that.
        Assert.InRange(stats.SyncResidualRmsPs, 35.0, 60.0);
    }
}
