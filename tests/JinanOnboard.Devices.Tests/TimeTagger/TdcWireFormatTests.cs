using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using JinanOnboard.Primitives.TimeTags;
using JinanOnboard.Devices.Simulated.TimeTagger;
using JinanOnboard.Devices.TimeTagger;

namespace JinanOnboard.Devices.Tests.TimeTagger;

/// <summary>Byte-by-byte checks of protocol-spec/tdc-wire.md, on both the driver and the device model.</summary>
public sealed class TdcWireFormatTests
{
    private static readonly TimeSpan Timeout = TdcSession.TestTimeout;

    [Fact]
    public void Crc_is_crc32_iso_hdlc_with_the_spec_check_value()
    {
        Assert.Equal(0xCBF43926u, TdcWire.Crc(Encoding.ASCII.GetBytes("123456789")));
    }

    [Fact]
    public void Identify_command_frame_matches_the_spec_example()
    {
        byte[] frame = TdcWire.BuildCommand(TdcWire.OpIdentify, 7, []);

        byte[] head = [0x54, 0x43, 0x01, 0x07, 0x00, 0x00];
        Assert.Equal(head, frame[..6]);
        Assert.Equal(Crc32.HashToUInt32(head), BinaryPrimitives.ReadUInt32BigEndian(frame.AsSpan(6)));
        Assert.Equal(10, frame.Length);
    }

    [Fact]
    public async Task Simulated_device_sends_the_spec_example_response_and_batch_bytes()
    {
        (Stream host, Stream device) = DuplexPipe.CreatePair();
        await using var simulator = new SimulatedTimeTagger(device, new ArrayTimeTagSource(new[] { new TimeTag(4, 105_262_400) }));
        Task run = simulator.RunAsync();

        await host.WriteAsync(TdcWire.BuildCommand(TdcWire.OpStartStream, 0, []));
        byte[] response = new byte[11];
        await host.ReadExactlyAsync(response).AsTask().WaitAsync(Timeout);
        byte[] batch = new byte[24];
        await host.ReadExactlyAsync(batch).AsTask().WaitAsync(Timeout);

        Assert.Equal(new byte[] { 0x54, 0x52, 0x04, 0x00, 0x00, 0x00, 0x00 }, response[..7]);
        Assert.Equal(Crc32.HashToUInt32(response.AsSpan(0, 7)), BinaryPrimitives.ReadUInt32BigEndian(response.AsSpan(7)));
        byte[] record = [0x04, 0x00, 0x00, 0x00, 0x06, 0x46, 0x2D, 0x40];
        Assert.Equal(new byte[] { 0x54, 0x42, 0, 0, 0, 0, 0x00, 0x01 }, batch[..8]);
        Assert.Equal(Crc32.HashToUInt32(record), BinaryPrimitives.ReadUInt32BigEndian(batch.AsSpan(8)));
        Assert.Equal(Crc32.HashToUInt32(batch.AsSpan(0, 12)), BinaryPrimitives.ReadUInt32BigEndian(batch.AsSpan(12)));
        Assert.Equal(record, batch[16..]);

        await host.DisposeAsync();
        await run.WaitAsync(Timeout);
    }

    [Fact]
    public async Task Simulated_device_marks_quiet_time_with_heartbeat_records()
    {
        (Stream host, Stream device) = DuplexPipe.CreatePair();
        TimeTag[] tags = [new(0, 0), new(1, 3_500_000_000)];
        await using var simulator = new SimulatedTimeTagger(device, new ArrayTimeTagSource(tags));
        Task run = simulator.RunAsync();

        await host.WriteAsync(TdcWire.BuildCommand(TdcWire.OpStartStream, 0, []));
        byte[] bytes = new byte[11 + 16 + (5 * 8)];
        await host.ReadExactlyAsync(bytes).AsTask().WaitAsync(Timeout);

        ulong[] records = Enumerable.Range(0, 5).Select(i => BinaryPrimitives.ReadUInt64BigEndian(bytes.AsSpan(27 + (8 * i)))).ToArray();
        ulong[] expected =
        [
            0x00UL << 56,
            (0x10UL << 56) | 1_000_000_000UL,
            (0x10UL << 56) | 2_000_000_000UL,
            (0x10UL << 56) | 3_000_000_000UL,
            (0x01UL << 56) | 3_500_000_000UL,
        ];
        Assert.Equal(expected, records);

        await host.DisposeAsync();
        await run.WaitAsync(Timeout);
    }

    [Fact]
    public async Task Simulated_device_answers_bad_crc_and_unknown_opcode_with_their_status()
    {
        (Stream host, Stream device) = DuplexPipe.CreatePair();
        await using var simulator = new SimulatedTimeTagger(device, new ArrayTimeTagSource(Array.Empty<TimeTag>()));
        Task run = simulator.RunAsync();

        byte[] broken = TdcWire.BuildCommand(TdcWire.OpIdentify, 9, []);
        broken[^1] ^= 0x01;
        await host.WriteAsync(broken);
        await host.WriteAsync(TdcWire.BuildCommand(0x7E, 10, []));
        byte[] answers = new byte[22];
        await host.ReadExactlyAsync(answers).AsTask().WaitAsync(Timeout);

        Assert.Equal(new byte[] { 0x54, 0x52, 0x01, 9, (byte)TimeTaggerStatus.BadCrc, 0, 0 }, answers[..7]);
        Assert.Equal(new byte[] { 0x54, 0x52, 0x7E, 10, (byte)TimeTaggerStatus.UnknownOpcode, 0, 0 }, answers[11..18]);

        await host.DisposeAsync();
        await run.WaitAsync(Timeout);
    }

    [Fact]
    public async Task Driver_decodes_heartbeat_lost_and_reserved_records_and_skips_line_noise()
    {
        // Hand-written device: answer START (tag 0), some noise, then two batches.
        (TimeTaggerDevice driver, Stream device) = await StreamingDriverAsync();
        await using var owned = driver;
        await device.WriteAsync(new byte[] { 0x00, 0x54, 0x99, 0x42 });
        await device.WriteAsync(Batch(0, Record(0x0, 2, 100)));
        await device.WriteAsync(Batch(1, Record(0x3, 1, 7), Record(0x9, 0, 123), Record(0x0, 1, 6_000), Record(0x1, 0, 9_000)));

        var buffer = new TimeTag[8];
        int first = await driver.ReadTagsAsync(buffer).AsTask().WaitAsync(Timeout);
        Assert.Equal((1, new TimeTag(2, 100)), (first, buffer[0]));
        int second = await driver.ReadTagsAsync(buffer).AsTask().WaitAsync(Timeout);
        Assert.Equal((1, new TimeTag(1, 6_000)), (second, buffer[0]));

        // LOST adds to the device loss count, the reserved type 0x9 is ignored, the trailing
        // heartbeat advances device time past the last tag, and the 4 noise bytes were skipped.
        TimeTaggerStatistics stats = driver.Statistics;
        Assert.Equal((7L, 4L, 2L, 9_000L), (stats.DeviceLostTags, stats.SkippedBytes, stats.TagsReceived, stats.LastDeviceTimePs));
        await device.DisposeAsync();
    }

    [Fact]
    public async Task One_read_takes_every_batch_already_buffered_that_fits()
    {
        (TimeTaggerDevice driver, Stream device) = await StreamingDriverAsync();
        await using var owned = driver;

        // Three batches arrive in one chunk: the caller gets all three tags from one call, not one per call.
        byte[] chunk = [.. Batch(0, Record(0x0, 0, 10)), .. Batch(1, Record(0x0, 1, 20)), .. Batch(2, Record(0x0, 2, 30))];
        await device.WriteAsync(chunk);
        var buffer = new TimeTag[8];
        int read = await driver.ReadTagsAsync(buffer).AsTask().WaitAsync(Timeout);

        Assert.Equal([new TimeTag(0, 10), new TimeTag(1, 20), new TimeTag(2, 30)], buffer[..read]);
        await device.DisposeAsync();
    }

    [Fact]
    public async Task Batch_delivered_byte_by_byte_with_a_cancelled_read_in_between_loses_nothing()
    {
        (TimeTaggerDevice driver, Stream device) = await StreamingDriverAsync();
        await using var owned = driver;
        byte[] batch = Batch(0, Record(0x0, 1, 111), Record(0x0, 3, 222));
        var buffer = new TimeTag[4];

        // Half the frame arrives, the read is cancelled, then the rest trickles in one byte at a time.
        await device.WriteAsync(batch.AsMemory(0, 13));
        using (var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100)))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => driver.ReadTagsAsync(buffer, cts.Token).AsTask());
        }

        Task<int> read = driver.ReadTagsAsync(buffer).AsTask();
        for (int i = 13; i < batch.Length; i++)
        {
            await device.WriteAsync(batch.AsMemory(i, 1));
        }

        Assert.Equal(2, await read.WaitAsync(Timeout));
        Assert.Equal(new[] { new TimeTag(1, 111), new TimeTag(3, 222) }, buffer[..2]);
        Assert.Equal(0, driver.Statistics.CorruptBatches);
        await device.DisposeAsync();
    }

    /// <summary>A driver over an in-memory cable whose device end has answered START_STREAM (tag 0).</summary>
    private static async Task<(TimeTaggerDevice Driver, Stream Device)> StreamingDriverAsync()
    {
        (Stream host, Stream device) = DuplexPipe.CreatePair();
        var driver = new TimeTaggerDevice(host);
        Task starting = driver.StartAsync();
        await device.WriteAsync(Response(TdcWire.OpStartStream, 0));
        await starting.WaitAsync(Timeout);
        return (driver, device);
    }

    private static byte[] Response(byte opcode, byte tag)
    {
        byte[] frame = [0x54, 0x52, opcode, tag, 0, 0, 0, 0, 0, 0, 0];
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(7), Crc32.HashToUInt32(frame.AsSpan(0, 7)));
        return frame;
    }

    private static byte[] Record(int type, int channel, long value)
    {
        var record = new byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(record, ((ulong)((type << 4) | channel) << 56) | (ulong)value);
        return record;
    }

    private static byte[] Batch(uint number, params byte[][] records)
    {
        byte[] body = records.SelectMany(r => r).ToArray();
        var frame = new byte[16 + body.Length];
        frame[0] = 0x54;
        frame[1] = 0x42;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(2), number);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(6), (ushort)records.Length);
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(8), Crc32.HashToUInt32(body));
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(12), Crc32.HashToUInt32(frame.AsSpan(0, 12)));
        body.CopyTo(frame, 16);
        return frame;
    }
}
