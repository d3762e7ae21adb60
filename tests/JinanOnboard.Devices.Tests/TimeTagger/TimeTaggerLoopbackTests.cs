using JinanOnboard.Primitives.TimeTags;
using JinanOnboard.Devices.Simulated.TimeTagger;
using JinanOnboard.Devices.TimeTagger;

namespace JinanOnboard.Devices.Tests.TimeTagger;

/// <summary>The real driver against the simulated TDC over an in-memory duplex stream.</summary>
public sealed class TimeTaggerLoopbackTests
{
    private static readonly TimeSpan Timeout = TdcSession.TestTimeout;

    [Fact]
    public async Task Identify_reports_the_simulated_identity()
    {
        var options = new SimulatedTimeTaggerOptions { Model = "Bench TDC", SerialNumber = 4242, ChannelCount = 8 };
        await using TdcSession session = TdcSession.InMemory(new ArrayTimeTagSource(Array.Empty<TimeTag>()), options);

        TimeTaggerIdentity identity = await session.Driver.IdentifyAsync().WaitAsync(Timeout);

        Assert.Equal(new TimeTaggerIdentity(1, 8, 1, 4242, "Bench TDC"), identity);
    }

    [Fact]
    public async Task Configure_round_trips_channel_mask_and_every_threshold()
    {
        await using TdcSession session = TdcSession.InMemory(new ArrayTimeTagSource(Array.Empty<TimeTag>()));
        int[] thresholds = [-300, -310, -320, -330, 150];

        await session.Driver.ConfigureAsync(new TimeTaggerConfiguration(0b10101, thresholds)).WaitAsync(Timeout);

        Assert.Equal(0b10101, session.Simulator.EnabledChannelMask);
        for (int c = 0; c < thresholds.Length; c++)
        {
            Assert.Equal(thresholds[c], session.Simulator.GetThresholdMv(c));
        }
    }

    [Fact]
    public async Task Streamed_tags_arrive_exactly_and_the_stop_summary_counts_them()
    {
        TimeTag[] tags = TdcSession.Ramp(10_000, 1_000_000, 1_600);
        await using TdcSession session = TdcSession.InMemory(new ArrayTimeTagSource(tags), new SimulatedTimeTaggerOptions { RecordsPerBatch = 333 });

        await session.Driver.StartAsync().WaitAsync(Timeout);
        List<TimeTag> received = await session.ReadThroughAsync(tags[^1].TimePs);
        TimeTaggerStreamSummary summary = await session.Driver.StopAsync().WaitAsync(Timeout);

        Assert.Equal(tags, received);
        Assert.Equal(new TimeTaggerStreamSummary(31, 10_000, 0), summary); // ceil(10000 / 333) batches
        Assert.Equal(0, await session.Driver.ReadTagsAsync(new TimeTag[10]).AsTask().WaitAsync(Timeout));
        TimeTaggerStatistics stats = session.Driver.Statistics;
        Assert.Equal((31, 0, 0, 10_000), (stats.BatchesReceived, stats.CorruptBatches, stats.LostBatches, stats.TagsReceived));
    }

    [Fact]
    public async Task Disabled_channels_produce_no_tags()
    {
        TimeTag[] tags = TdcSession.Ramp(1_000, 0, 1_000);
        await using TdcSession session = TdcSession.InMemory(new ArrayTimeTagSource(tags));

        await session.Driver.SetChannelEnablesAsync(0b10000).WaitAsync(Timeout); // sync channel only
        await session.Driver.StartAsync().WaitAsync(Timeout);
        List<TimeTag> received = await session.ReadThroughAsync(tags.Last(t => t.Channel == 4).TimePs);
        await session.Driver.StopAsync().WaitAsync(Timeout);

        Assert.Equal(tags.Where(t => t.Channel == 4), received);
    }

    [Fact]
    public async Task Timestamps_across_the_56_bit_rollover_are_rebuilt_from_rollover_records()
    {
        long rolloverPs = 1L << 56;
        TimeTag[] tags = TdcSession.Ramp(40, rolloverPs - 20_000, 1_000);
        await using TdcSession session = TdcSession.InMemory(new ArrayTimeTagSource(tags), new SimulatedTimeTaggerOptions { RecordsPerBatch = 7 });

        await session.Driver.StartAsync().WaitAsync(Timeout);
        List<TimeTag> received = await session.ReadThroughAsync(tags[^1].TimePs);

        Assert.Equal(tags, received);
    }

    [Fact]
    public async Task Corrupt_payload_byte_drops_exactly_that_batch_and_the_stream_continues()
    {
        TimeTag[] tags = TdcSession.Ramp(1_000, 10_000, 1_000);
        // START response is 11 bytes, then batches of 16 + 100 x 8 bytes: hit record 0 of batch 2.
        long offset = 11 + (2 * 816) + 16 + 5;
        await using TdcSession session = TdcSession.InMemory(
            new ArrayTimeTagSource(tags), new SimulatedTimeTaggerOptions { RecordsPerBatch = 100 }, host => new CorruptingStream(host, offset));

        await session.Driver.StartAsync().WaitAsync(Timeout);
        List<TimeTag> received = await session.ReadThroughAsync(tags[^1].TimePs);
        TimeTaggerStreamSummary summary = await session.Driver.StopAsync().WaitAsync(Timeout);

        Assert.Equal(tags.Take(200).Concat(tags.Skip(300)), received);
        TimeTaggerStatistics stats = session.Driver.Statistics;
        Assert.Equal((1L, 1L, 9L), (stats.CorruptBatches, stats.LostBatches, stats.BatchesReceived));
        Assert.Equal(1_000UL, summary.TagsSent);
    }

    [Fact]
    public async Task Corrupt_header_byte_is_caught_by_the_header_crc_and_the_reader_resynchronises()
    {
        TimeTag[] tags = TdcSession.Ramp(1_000, 10_000, 1_000);
        long offset = 11 + (2 * 816) + 7; // record count of batch 2
        await using TdcSession session = TdcSession.InMemory(
            new ArrayTimeTagSource(tags), new SimulatedTimeTaggerOptions { RecordsPerBatch = 100 }, host => new CorruptingStream(host, offset, 0xFF));

        await session.Driver.StartAsync().WaitAsync(Timeout);
        List<TimeTag> received = await session.ReadThroughAsync(tags[^1].TimePs);
        await session.Driver.StopAsync().WaitAsync(Timeout);

        Assert.Equal(tags.Take(200).Concat(tags.Skip(300)), received);
        TimeTaggerStatistics stats = session.Driver.Statistics;
        Assert.True(stats.CorruptBatches >= 1);
        Assert.Equal(1L, stats.LostBatches);
        Assert.True(stats.SkippedBytes >= 816, $"skipped {stats.SkippedBytes}");
    }

    [Fact]
    public async Task Device_power_loss_while_streaming_raises_a_disconnected_exception()
    {
        TimeTag[] tags = TdcSession.Ramp(20_000, 0, 1_000);
        await using TdcSession session = TdcSession.InMemory(new ArrayTimeTagSource(tags));
        await session.Driver.StartAsync().WaitAsync(Timeout);
        await session.ReadThroughAsync(1_000);

        await session.PowerOffAsync();

        var buffer = new TimeTag[1024];
        TimeTaggerDisconnectedException ex = await Assert.ThrowsAsync<TimeTaggerDisconnectedException>(async () =>
        {
            while (true)
            {
                await session.Driver.ReadTagsAsync(buffer).AsTask().WaitAsync(Timeout);
            }
        });
        Assert.Contains("disconnected", ex.Message, StringComparison.OrdinalIgnoreCase);
        await Assert.ThrowsAsync<TimeTaggerDisconnectedException>(() => session.Driver.IdentifyAsync().WaitAsync(Timeout));
    }

    [Fact]
    public async Task Silent_device_times_out_with_a_clear_error()
    {
        (Stream host, Stream device) = DuplexPipe.CreatePair();
        await using var driver = new TimeTaggerDevice(host) { ResponseTimeout = TimeSpan.FromMilliseconds(200) };

        TimeTaggerException ex = await Assert.ThrowsAsync<TimeTaggerException>(() => driver.IdentifyAsync().WaitAsync(Timeout));

        Assert.Contains("did not answer", ex.Message, StringComparison.Ordinal);
        await device.DisposeAsync();
    }

    [Fact]
    public async Task Refused_commands_carry_the_device_status()
    {
        await using TdcSession session = TdcSession.InMemory(new ArrayTimeTagSource(TdcSession.Ramp(10, 0, 1_000)));

        TimeTaggerException badLevel = await Assert.ThrowsAsync<TimeTaggerException>(() => session.Driver.SetThresholdAsync(2, 2_500).WaitAsync(Timeout));
        TimeTaggerException badChannel = await Assert.ThrowsAsync<TimeTaggerException>(() => session.Driver.SetChannelEnablesAsync(0x0100).WaitAsync(Timeout));
        TimeTaggerException notStreaming = await Assert.ThrowsAsync<TimeTaggerException>(() => session.Driver.StopAsync().WaitAsync(Timeout));
        await session.Driver.StartAsync().WaitAsync(Timeout);
        TimeTaggerException busy = await Assert.ThrowsAsync<TimeTaggerException>(() => session.Driver.SetThresholdAsync(0, -100).WaitAsync(Timeout));

        Assert.Equal(TimeTaggerStatus.InvalidArgument, badLevel.Status);
        Assert.Equal(TimeTaggerStatus.InvalidArgument, badChannel.Status);
        Assert.Equal(TimeTaggerStatus.NotStreaming, notStreaming.Status);
        Assert.Equal(TimeTaggerStatus.Busy, busy.Status);
        Assert.Equal(-500, session.Simulator.GetThresholdMv(0));
    }

    [Fact]
    public void Simulated_device_does_not_reference_the_driver_assembly()
    {
        string[] referenced = typeof(SimulatedTimeTagger).Assembly.GetReferencedAssemblies().Select(a => a.Name ?? string.Empty).ToArray();

        Assert.DoesNotContain("JinanOnboard.Devices", referenced);
        Assert.Contains("JinanOnboard.Primitives", referenced);
    }
}
