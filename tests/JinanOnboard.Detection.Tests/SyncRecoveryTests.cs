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
