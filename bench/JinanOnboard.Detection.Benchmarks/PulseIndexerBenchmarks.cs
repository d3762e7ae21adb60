using JinanOnboard.Primitives.Detections;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using JinanOnboard.Primitives.TimeTags;
using JinanOnboard.Detection.Indexing;

namespace JinanOnboard.Detection.Benchmarks;

/// <summary>
/// Throughput of the OGS detection front end: one <see cref="PulseIndexer.Process"/> call over a
/// synthetic, time-ordered tag stream of 200 sync periods (sync word every 65 789 pulses of 1600 ps,
/// system.md) with detector tags at a fixed fraction of pulses, ±150 ps jitter and some background.
/// The tags/s column is stream tags (detector + sync) divided by the mean time per call.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(TagsPerSecondConfig))]
public class PulseIndexerBenchmarks
{
    private const double PulsePeriodPs = 1600.0;
    private const int SyncWords = 200;

    private TimeTag[] _tags = [];
    private PulseDetection[] _output = [];

    /// <summary>Detector tags per sync period (a 9.5 kHz period holds 65 789 pulses).</summary>
    [Params(100, 2000)]
    public int DetectionsPerSyncPeriod { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _tags = BuildStream(DetectionsPerSyncPeriod, seed: 20261123);
        _output = new PulseDetection[_tags.Length];

        // Guard against benchmarking a stream the indexer never locks on (that would time the reject path).
        int detections = Process();
        if (detections < SyncWords * DetectionsPerSyncPeriod / 2)
        {
            throw new InvalidOperationException($"synthetic stream gave only {detections} detections");
        }
    }

    [Benchmark]
    public int Process()
    {
        // A fresh indexer each call: acquisition of the sync clock is part of the measured work.
        var indexer = new PulseIndexer();
        int written = indexer.Process(_tags, _output);
        return written + indexer.Flush(_output.AsSpan(written));
    }

    private static TimeTag[] BuildStream(int detectionsPerPeriod, int seed)
    {
        var random = new Random(seed);
        var tags = new List<TimeTag>(SyncWords * (detectionsPerPeriod + 1));
        double syncPeriodPs = PulsePeriodPs * SyncSchedule.PulsesPerSyncWord;
        for (int k = 0; k < SyncWords; k++)
        {
            // Sync tags carry ~100 ps FWHM jitter (system.md).
            tags.Add(new TimeTag(TimeTag.SyncChannel, (long)Math.Round((k * syncPeriodPs) + Gaussian(random, 42.0))));
            for (int d = 0; d < detectionsPerPeriod; d++)
            {
                long pulse = (k * SyncSchedule.PulsesPerSyncWord) + random.NextInt64(1, SyncSchedule.PulsesPerSyncWord);
                int channel = random.Next(TimeTag.DetectorChannelCount);

                // One tag in ten is background, uniform over the slot (most fall outside the 800 ps gate).
                double offsetPs = random.Next(10) == 0 ? (random.NextDouble() - 0.5) * PulsePeriodPs : Gaussian(random, 150.0);
                tags.Add(new TimeTag(channel, (long)Math.Round((pulse * PulsePeriodPs) + offsetPs)));
            }
        }

        tags.Sort((a, b) => a.TimePs.CompareTo(b.TimePs));
        return [.. tags];
    }

    private static double Gaussian(Random random, double sigma)
    {
        double u1 = 1.0 - random.NextDouble();
        double u2 = random.NextDouble();
        return sigma * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    private sealed class TagsPerSecondConfig : ManualConfig
    {
        public TagsPerSecondConfig() => AddColumn(new TagsPerSecondColumn());
    }

    /// <summary>Stream tags per second of mean call time.</summary>
    private sealed class TagsPerSecondColumn : IColumn
    {
        public string Id => nameof(TagsPerSecondColumn);

        public string ColumnName => "Mtags/s";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => "Million stream tags (detector + sync) processed per second";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            BenchmarkReport? report = summary[benchmarkCase];
            if (report?.ResultStatistics is null)
            {
                return "-";
            }

            int perPeriod = (int)benchmarkCase.Parameters[nameof(DetectionsPerSyncPeriod)];
            double tags = SyncWords * (perPeriod + 1.0);
            double seconds = report.ResultStatistics.Mean * 1e-9;
            return (tags / seconds / 1e6).ToString("F2", System.Globalization.CultureInfo.InvariantCulture);
        }

        public bool IsAvailable(Summary summary) => true;

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    }
}
