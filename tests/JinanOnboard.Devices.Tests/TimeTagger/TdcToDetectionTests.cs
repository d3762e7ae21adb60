using JinanOnboard.Primitives.Detections;
using JinanOnboard.Primitives.TimeTags;
using JinanOnboard.Detection;
using JinanOnboard.Detection.Indexing;
using JinanOnboard.Devices.Simulated.TimeTagger;

namespace JinanOnboard.Devices.Tests.TimeTagger;

/// <summary>
/// The OGS chain as flown: simulated TDC -> wire -> driver -> pulse indexer. The indexer sees
/// exactly what the driver delivers, so this is the path real time tags take.
/// </summary>
public sealed class TdcToDetectionTests
{
    [Fact]
    public async Task Tags_through_the_driver_are_indexed_to_their_true_pulses()
    {
        const double rate = 7e-6;
        const long offsetPs = 3_000_000;
        const long totalPulses = 40_000_000; // 64 ms
        var random = new Random(5);
        var tags = new List<TimeTag>();
        var truth = new List<PulseDetection>();
        long LocalPs(long pulse) => offsetPs + (long)Math.Round(pulse * 1600 * (1.0 + rate));

        for (long k = 0; k * SyncSchedule.PulsesPerSyncWord < totalPulses; k++)
        {
            tags.Add(new TimeTag(TimeTag.SyncChannel, LocalPs(k * SyncSchedule.PulsesPerSyncWord) + random.Next(-40, 41)));
        }

        for (long n = 200_000; n < totalPulses; n += 7_919)
        {
            int detector = random.Next(4);
            tags.Add(new TimeTag(detector, LocalPs(n) + random.Next(-300, 301)));
            truth.Add(new PulseDetection(n, detector));
        }

        TimeTag[] ordered = [.. tags.OrderBy(t => t.TimePs)];
        await using TdcSession session = TdcSession.InMemory(new ArrayTimeTagSource(ordered));
        await session.Driver.StartAsync().WaitAsync(TdcSession.TestTimeout);
        List<TimeTag> received = await session.ReadThroughAsync(ordered[^1].TimePs);
        await session.Driver.StopAsync().WaitAsync(TdcSession.TestTimeout);

        var indexer = new PulseIndexer();
        var output = new PulseDetection[received.Count];
        int count = indexer.Process(received.ToArray(), output);
        count += indexer.Flush(output.AsSpan(count));

        Assert.Equal(truth, output.Take(count));
        Assert.InRange(indexer.GetStatistics().EstimatedRatePpm, 6.5, 7.5);
    }
}
