using JinanOnboard.Primitives.Detections;
using JinanOnboard.Primitives.TimeTags;
using JinanOnboard.Detection.Indexing;

namespace JinanOnboard.Detection.Tests;

public sealed class PulseIndexerTests
{
    private static PulseIndexerOptions OptionsFor(SyntheticPass pass) => new()
    {
        DetectorDelayPs = pass.DetectorDelayPs,
    };

    [Fact]
    public void Signal_with_drift_doppler_jitter_missing_and_spurious_syncs_gets_right_sequence_numbers()
    {
        SyntheticPass pass = new SyntheticPass().Build();
        var indexer = new PulseIndexer(OptionsFor(pass));

        List<PulseDetection> detections = IndexerRunner.Run(indexer, pass.Tags);

        // Every emitted detection is a true (sequence, detector) pair: no signal tag got a wrong slot.
        int wrong = detections.Count(d => !pass.SignalTruth.TryGetValue(d.Sequence, out int det) || det != d.Detector);
        Assert.Equal(0, wrong);

        // Of the signal tags well inside the gate (|jitter| < 350 ps of the 400 ps half gate; the
        // first sync interval is before lock), at least 99.9% come out with the right number.
        var found = detections.ToHashSet();
        long firstLockedSequence = 2 * SyncSchedule.PulsesPerSyncWord;
        var inside = pass.Signals.Where(s => Math.Abs(s.JitterPs) < 350.0 && s.Sequence > firstLockedSequence).ToList();
        int right = inside.Count(s => found.Contains(new PulseDetection(s.Sequence, s.Detector)));
        Assert.True(inside.Count > 100_000, $"only {inside.Count} signal tags generated");
        Assert.True(right >= 0.999 * inside.Count, $"{right} of {inside.Count} right");

        // The kept fraction of signal is what a Gaussian of 350 ps FWHM puts inside +-400 ps (99.3%).
        double kept = (double)detections.Count / pass.Signals.Count;
        Assert.InRange(kept, 0.985, 0.995);

        PulseIndexerStatistics stats = indexer.GetStatistics();
        Assert.Equal(pass.MissedSyncWords, stats.SyncWordsMissed);
        Assert.Equal(pass.SpuriousSyncTags, stats.SpuriousSyncTags);
        Assert.True(stats.IsLocked);
        Assert.Equal(pass.Tags.Length, stats.TagsIn);
        Assert.Equal(stats.InsideGate, stats.DetectionsOut + stats.DoubleClickSlots);

        // The recovered rate at the end of the pass is TDC drift + Doppler + its quadratic change.
        double expectedPpm = pass.RateAt(pass.DurationSeconds * 1e12) * 1e6;
        Assert.InRange(stats.EstimatedRatePpm, expectedPpm - 0.05, expectedPpm + 0.05);
        Assert.InRange(stats.SyncResidualRmsPs, 30.0, 80.0);
    }

    [Fact]
    public void Detections_come_out_in_strictly_increasing_sequence_order()
    {
        SyntheticPass pass = new SyntheticPass { DurationSeconds = 0.2, BackgroundPerSecond = 200_000 }.Build();
        List<PulseDetection> detections = IndexerRunner.Run(new PulseIndexer(OptionsFor(pass)), pass.Tags, chunk: 777);

        for (int i = 1; i < detections.Count; i++)
        {
            Assert.True(detections[i].Sequence > detections[i - 1].Sequence, $"order broken at {i}");
        }
    }

    [Fact]
    public void Uniform_background_passes_the_800_ps_gate_half_the_time()
    {
        SyntheticPass pass = new SyntheticPass
        {
            DurationSeconds = 0.5,
            SignalPerPulse = 0,
            BackgroundPerSecond = 400_000,
        }.Build();
        var indexer = new PulseIndexer(OptionsFor(pass));

        IndexerRunner.Run(indexer, pass.Tags);

        PulseIndexerStatistics stats = indexer.GetStatistics();
        double inside = (double)stats.InsideGate / (stats.InsideGate + stats.OutsideGate);
        // 800 / 1600 = 0.5; binomial sigma over 2e5 tags is 0.0011.
        Assert.InRange(inside, 0.495, 0.505);
    }

    [Fact]
    public void Signal_among_background_still_gets_right_sequence_numbers()
    {
        SyntheticPass pass = new SyntheticPass { DurationSeconds = 0.5, BackgroundPerSecond = 300_000, Seed = 11 }.Build();
        List<PulseDetection> detections = IndexerRunner.Run(new PulseIndexer(OptionsFor(pass)), pass.Tags);

        var found = detections.ToHashSet();
        long firstLockedSequence = 2 * SyncSchedule.PulsesPerSyncWord;
        var inside = pass.Signals.Where(s => Math.Abs(s.JitterPs) < 350.0 && s.Sequence > firstLockedSequence).ToList();
        int right = inside.Count(s => found.Contains(new PulseDetection(s.Sequence, s.Detector)));
        Assert.True(right >= 0.999 * inside.Count, $"{right} of {inside.Count} right");
    }

    [Fact]
    public void Clock_counted_in_picoseconds_for_days_keeps_full_precision()
    {
        // Three days of TDC uptime: 2.6e17 ps, beyond the 2^53 ps a double holds exactly.
        SyntheticPass pass = new SyntheticPass { DurationSeconds = 0.2, TimeBasePs = 259_200L * 1_000_000_000_000L }.Build();
        List<PulseDetection> detections = IndexerRunner.Run(new PulseIndexer(OptionsFor(pass)), pass.Tags);

        int wrong = detections.Count(d => !pass.SignalTruth.TryGetValue(d.Sequence, out int det) || det != d.Detector);
        Assert.Equal(0, wrong);
        Assert.InRange((double)detections.Count / pass.Signals.Count, 0.98, 1.0);
    }

    [Fact]
    public void Detector_tags_before_lock_are_dropped_and_counted()
    {
        var indexer = new PulseIndexer();
        TimeTag[] tags = [new(0, 10), new(TimeTag.SyncChannel, 1000), new(1, 2000)];
        var output = new PulseDetection[tags.Length];

        int n = indexer.Process(tags, output);

        Assert.Equal(0, n);
        Assert.False(indexer.IsLocked);
        Assert.Equal(2, indexer.GetStatistics().DetectorTagsBeforeLock);
    }

    [Fact]
    public void Lock_needs_three_syncs_and_numbers_them_from_the_configured_first_index()
    {
        var indexer = new PulseIndexer(new PulseIndexerOptions { FirstSyncWordIndex = 10 });
        long periodPs = SyncSchedule.PulsesPerSyncWord * 1600;
        TimeTag[] tags =
        [
            new(TimeTag.SyncChannel, 5_000),
            new(TimeTag.SyncChannel, 5_000 + periodPs),
            new(TimeTag.SyncChannel, 5_000 + (3 * periodPs)), // word 12 missing between: chain still forms
            new(2, 5_000 + (3 * periodPs) + (7 * 1600) + 100),
        ];
        var output = new PulseDetection[tags.Length];

        indexer.Process(tags, output);
        int n = indexer.Flush(output);

        Assert.Equal(1, n);
        Assert.Equal(new PulseDetection((13 * SyncSchedule.PulsesPerSyncWord) + 7, 2), output[0]);
        Assert.Equal(1, indexer.GetStatistics().SyncWordsMissed);
    }

    [Fact]
    public void Double_click_in_one_slot_is_squashed_to_one_random_detector_deterministically()
    {
        long periodPs = SyncSchedule.PulsesPerSyncWord * 1600;
        var seen = new HashSet<int>();
        for (ulong seed = 1; seed <= 16; seed++)
        {
            int first = RunDoubleClick(seed, periodPs, out PulseIndexerStatistics stats);
            int again = RunDoubleClick(seed, periodPs, out _);
            Assert.Equal(first, again);
            Assert.Equal(1, stats.DoubleClickSlots);
            Assert.Equal(1, stats.DetectionsOut);
            seen.Add(first);
        }

        // H and V clicked together: both outcomes (a random bit) appear over seeds, nothing else.
        Assert.Equal([0, 1], seen.Order());
    }

    [Fact]
    public void Output_buffer_smaller_than_input_is_refused()
    {
        var indexer = new PulseIndexer();
        TimeTag[] tags = [new(0, 1), new(0, 2)];
        Assert.Throws<ArgumentException>(() => indexer.Process(tags, new PulseDetection[1]));
    }

    [Fact]
    public void Invalid_options_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PulseIndexer(new PulseIndexerOptions { GateWidthPs = 2000 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PulseIndexer(new PulseIndexerOptions { DetectorDelayPs = [0.0] }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PulseIndexer(new PulseIndexerOptions { LoopAlpha = 0 }));
    }

    [Fact]
    public void Detection_reports_basis_and_bit_of_each_detector()
    {
        Assert.Equal((0, 0), (new PulseDetection(0, 0).Basis, new PulseDetection(0, 0).Bit));
        Assert.Equal((0, 1), (new PulseDetection(0, 1).Basis, new PulseDetection(0, 1).Bit));
        Assert.Equal((1, 0), (new PulseDetection(0, 2).Basis, new PulseDetection(0, 2).Bit));
        Assert.Equal((1, 1), (new PulseDetection(0, 3).Basis, new PulseDetection(0, 3).Bit));
    }

    private static int RunDoubleClick(ulong seed, long periodPs, out PulseIndexerStatistics stats)
    {
        var indexer = new PulseIndexer(new PulseIndexerOptions { SquashSeed = seed });
        long slotPs = (3 * periodPs) + (100 * 1600);
        TimeTag[] tags =
        [
            new(TimeTag.SyncChannel, 0),
            new(TimeTag.SyncChannel, periodPs),
            new(TimeTag.SyncChannel, 2 * periodPs),
            new(TimeTag.SyncChannel, 3 * periodPs),
            new(0, slotPs - 150),
            new(1, slotPs + 200),
        ];
        var output = new PulseDetection[tags.Length];
        int n = indexer.Process(tags, output);
        n += indexer.Flush(output.AsSpan(n));
        Assert.Equal(1, n);
        Assert.Equal((3 * SyncSchedule.PulsesPerSyncWord) + 100, output[0].Sequence);
        stats = indexer.GetStatistics();
        return output[0].Detector;
    }
}
