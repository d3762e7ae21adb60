using System.Buffers.Binary;
using System.Text;
using JinanOnboard.Primitives.TimeTags;

namespace JinanOnboard.Devices.Simulated.TimeTagger;

/// <summary>
/// A TDC model that serves the device side of TTW/1 (protocol-spec/tdc-wire.md) over any stream,
/// byte for byte, with tags pulled from an <see cref="ITimeTagSource"/>. The real host driver talks
/// to it exactly as to hardware. Run it with <see cref="RunAsync"/>; cancelling that call is a power
/// cut (the stream is closed if owned), closing the host end ends it normally.
/// </summary>
public sealed class SimulatedTimeTagger : IAsyncDisposable
{
    private const int DefaultThresholdMv = -500;
    private const int MaxThresholdMv = 2000;
    private const int ReadChunk = 2048;
    private const int MaxHeartbeatsPerGap = 1000;

    private readonly Stream stream;
    private readonly ITimeTagSource source;
    private readonly SimulatedTimeTaggerOptions options;
    private readonly bool shouldDispose;
    private readonly SemaphoreSlim writeLock = new(1, 1);
    private readonly int[] thresholdsMv;

    private byte[] inBuffer = new byte[4096];
    private int inStart;
    private int inEnd;

    private Task? streaming;
    private volatile bool stopRequested;
    private TaskCompletionSource stopSignal = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long batchesSent;
    private long tagsSent;

    /// <summary>Creates the model on the device end of <paramref name="stream"/>.</summary>
    public SimulatedTimeTagger(Stream stream, ITimeTagSource source, SimulatedTimeTaggerOptions? options = null, bool shouldDispose = true)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(source);
        this.stream = stream;
        this.source = source;
        this.options = options ?? new SimulatedTimeTaggerOptions();
        this.shouldDispose = shouldDispose;
        ArgumentOutOfRangeException.ThrowIfLessThan(this.options.ChannelCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(this.options.ChannelCount, 16);
        ArgumentOutOfRangeException.ThrowIfLessThan(this.options.RecordsPerBatch, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(this.options.RecordsPerBatch, DeviceWire.MaxRecords);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(this.options.HeartbeatIntervalPs, 0);
        if (this.options.Model.Length > 64 || !Ascii.IsValid(this.options.Model))
        {
            throw new ArgumentException("model name must be ASCII, at most 64 characters", nameof(options));
        }

        thresholdsMv = Enumerable.Repeat(DefaultThresholdMv, this.options.ChannelCount).ToArray();
        EnabledChannelMask = (ushort)((1 << this.options.ChannelCount) - 1);
    }

    /// <summary>Inputs currently enabled (bit c = input c). Power-up: all.</summary>
    public ushort EnabledChannelMask { get; private set; }

    /// <summary>True while batches are being produced.</summary>
    public bool IsStreaming => streaming is not null;

    /// <summary>Batches sent since the last START_STREAM.</summary>
    public long BatchesSent => Interlocked.Read(ref batchesSent);

    /// <summary>Discriminator level of one input, mV.</summary>
    public int GetThresholdMv(int channel) => thresholdsMv[channel];

    /// <summary>
    /// Serves commands until the host closes its end (returns normally) or
    /// <paramref name="cancellationToken"/> fires (the device "loses power").
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            while (await NextCommandAsync(cancellationToken) is { } command)
            {
                await HandleAsync(command, cancellationToken);
            }
        }
        catch (IOException)
        {
            // Host end gone while we wrote: the device just stops.
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Power cut.
        }
        finally
        {
            await HaltStreamingAsync();
            if (shouldDispose)
            {
                await stream.DisposeAsync();
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await HaltStreamingAsync();
        if (shouldDispose)
        {
            await stream.DisposeAsync();
        }

        writeLock.Dispose();
    }

    private readonly record struct Command(byte Opcode, byte Tag, byte[] Payload, byte Status);

    private async Task<Command?> NextCommandAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (!await FillAsync(2, cancellationToken))
            {
                return null;
            }

            if (inBuffer[inStart] != DeviceWire.Lead || inBuffer[inStart + 1] != DeviceWire.Command)
            {
                inStart++;
                continue;
            }

            if (!await FillAsync(DeviceWire.CommandHeaderLength, cancellationToken))
            {
                return null;
            }

            byte opcode = inBuffer[inStart + 2];
            byte tag = inBuffer[inStart + 3];
            int length = BinaryPrimitives.ReadUInt16BigEndian(inBuffer.AsSpan(inStart + 4));
            if (length > DeviceWire.MaxPayload)
            {
                inStart++;
                return new Command(opcode, tag, [], DeviceWire.StatusBadLength);
            }

            int frameLength = DeviceWire.CommandHeaderLength + length + DeviceWire.CrcLength;
            if (!await FillAsync(frameLength, cancellationToken))
            {
                return null;
            }

            int crcAt = inStart + DeviceWire.CommandHeaderLength + length;
            uint crc = BinaryPrimitives.ReadUInt32BigEndian(inBuffer.AsSpan(crcAt));
            bool crcOk = DeviceWire.Crc32Of(inBuffer.AsSpan(inStart, frameLength - DeviceWire.CrcLength)) == crc;
            byte[] payload = inBuffer.AsSpan(inStart + DeviceWire.CommandHeaderLength, length).ToArray();
            inStart += crcOk ? frameLength : 1;
            return new Command(opcode, tag, payload, crcOk ? DeviceWire.StatusOk : DeviceWire.StatusBadCrc);
        }
    }

    private async Task<bool> FillAsync(int count, CancellationToken cancellationToken)
    {
        while (inEnd - inStart < count)
        {
            if (inStart > 0)
            {
                Buffer.BlockCopy(inBuffer, inStart, inBuffer, 0, inEnd - inStart);
                inEnd -= inStart;
                inStart = 0;
            }

            if (inBuffer.Length < count)
            {
                Array.Resize(ref inBuffer, count);
            }

            int read = await stream.ReadAsync(inBuffer.AsMemory(inEnd), cancellationToken);
            if (read == 0)
            {
                return false;
            }

            inEnd += read;
        }

        return true;
    }

    private async Task HandleAsync(Command command, CancellationToken cancellationToken)
    {
        if (command.Status != DeviceWire.StatusOk)
        {
            await RespondAsync(command, command.Status, [], cancellationToken);
            return;
        }

        switch (command.Opcode)
        {
            case DeviceWire.Identify:
                await RespondAsync(command, Expect(command, 0), command.Payload.Length == 0 ? IdentityPayload() : [], cancellationToken);
                break;
            case DeviceWire.SetChannelEnable:
                await RespondAsync(command, ApplyChannelEnable(command), [], cancellationToken);
                break;
            case DeviceWire.SetThreshold:
                await RespondAsync(command, ApplyThreshold(command), [], cancellationToken);
                break;
            case DeviceWire.StartStream:
                byte startStatus = IsStreaming ? DeviceWire.StatusBusy : Expect(command, 0);
                await RespondAsync(command, startStatus, [], cancellationToken);
                if (startStatus == DeviceWire.StatusOk)
                {
                    BeginStreaming(cancellationToken);
                }

                break;
            case DeviceWire.StopStream:
                await StopAsync(command, cancellationToken);
                break;
            default:
                await RespondAsync(command, DeviceWire.StatusUnknownOpcode, [], cancellationToken);
                break;
        }
    }

    private static byte Expect(Command command, int length)
        => command.Payload.Length == length ? DeviceWire.StatusOk : DeviceWire.StatusBadLength;

    private byte[] IdentityPayload()
    {
        byte[] model = Encoding.ASCII.GetBytes(options.Model);
        var payload = new byte[9 + model.Length];
        payload[0] = 1;
        payload[1] = (byte)options.ChannelCount;
        BinaryPrimitives.WriteUInt16BigEndian(payload.AsSpan(2), 1);
        BinaryPrimitives.WriteUInt32BigEndian(payload.AsSpan(4), options.SerialNumber);
        payload[8] = (byte)model.Length;
        model.CopyTo(payload, 9);
        return payload;
    }

    private byte ApplyChannelEnable(Command command)
    {
        if (command.Payload.Length != 2)
        {
            return DeviceWire.StatusBadLength;
        }

        if (IsStreaming)
        {
            return DeviceWire.StatusBusy;
        }

        ushort mask = BinaryPrimitives.ReadUInt16BigEndian(command.Payload);
        if ((mask >> options.ChannelCount) != 0)
        {
            return DeviceWire.StatusInvalidArgument;
        }

        EnabledChannelMask = mask;
        return DeviceWire.StatusOk;
    }

    private byte ApplyThreshold(Command command)
    {
        if (command.Payload.Length != 3)
        {
            return DeviceWire.StatusBadLength;
        }

        if (IsStreaming)
        {
            return DeviceWire.StatusBusy;
        }

        int channel = command.Payload[0];
        int levelMv = BinaryPrimitives.ReadInt16BigEndian(command.Payload.AsSpan(1));
        if (channel >= options.ChannelCount || Math.Abs(levelMv) > MaxThresholdMv)
        {
            return DeviceWire.StatusInvalidArgument;
        }

        thresholdsMv[channel] = levelMv;
        return DeviceWire.StatusOk;
    }

    private async Task StopAsync(Command command, CancellationToken cancellationToken)
    {
        if (command.Payload.Length != 0 || !IsStreaming)
        {
            byte status = command.Payload.Length != 0 ? DeviceWire.StatusBadLength : DeviceWire.StatusNotStreaming;
            await RespondAsync(command, status, [], cancellationToken);
            return;
        }

        await HaltStreamingAsync();

        // Every formed batch is out before this response (spec 4.2).
        var payload = new byte[20];
        BinaryPrimitives.WriteUInt32BigEndian(payload, unchecked((uint)batchesSent));
        BinaryPrimitives.WriteUInt64BigEndian(payload.AsSpan(4), (ulong)tagsSent);
        BinaryPrimitives.WriteUInt64BigEndian(payload.AsSpan(12), 0); // the model's FIFO never overflows
        await RespondAsync(command, DeviceWire.StatusOk, payload, cancellationToken);
    }

    private async Task RespondAsync(Command command, byte status, byte[] payload, CancellationToken cancellationToken)
    {
        byte[] frame = DeviceWire.BuildResponse(command.Opcode, command.Tag, status, status == DeviceWire.StatusOk ? payload : []);
        await WriteAsync(frame, cancellationToken);
    }

    private async Task WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        await writeLock.WaitAsync(cancellationToken);
        try
        {
            await stream.WriteAsync(bytes, cancellationToken);
            await stream.FlushAsync(cancellationToken);
        }
        finally
        {
            writeLock.Release();
        }
    }

    private void BeginStreaming(CancellationToken cancellationToken)
    {
        stopRequested = false;
        stopSignal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Interlocked.Exchange(ref batchesSent, 0);
        tagsSent = 0;
        streaming = Task.Run(() => StreamAsync(cancellationToken), CancellationToken.None);
    }

    private async Task HaltStreamingAsync()
    {
        Task? running = streaming;
        if (running is null)
        {
            return;
        }

        stopRequested = true;
        stopSignal.TrySetResult();
        try
        {
            await running;
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The link died under the streaming loop; nothing left to send.
        }

        streaming = null;
    }

    private async Task StreamAsync(CancellationToken cancellationToken)
    {
        var scratch = new TimeTag[ReadChunk];
        var batch = new BatchBuilder(options.RecordsPerBatch);
        long? lastRecordPs = null;
        long epoch = 0;

        while (!stopRequested)
        {
            int n = source.Read(scratch);
            if (n == 0)
            {
                // Source exhausted: send what is formed, then idle until STOP_STREAM.
                await SendAsync(batch, cancellationToken);
                await stopSignal.Task.WaitAsync(cancellationToken);
                return;
            }

            for (int i = 0; i < n; i++)
            {
                TimeTag tag = scratch[i];
                if ((uint)tag.Channel >= (uint)options.ChannelCount || ((EnabledChannelMask >> tag.Channel) & 1) == 0)
                {
                    continue;
                }

                if (lastRecordPs is long last && tag.TimePs - last > options.HeartbeatIntervalPs)
                {
                    // Heartbeats mark quiet device time; a very long gap gets its last few only.
                    long beats = (tag.TimePs - last - 1) / options.HeartbeatIntervalPs;
                    long first = Math.Max(1, beats - MaxHeartbeatsPerGap + 1);
                    for (long b = first; b <= beats; b++)
                    {
                        long beatPs = last + (b * options.HeartbeatIntervalPs);
                        if (beatPs >> DeviceWire.EpochShift != epoch)
                        {
                            epoch = beatPs >> DeviceWire.EpochShift;
                            await AddAsync(batch, DeviceWire.TypeRollover, 0, epoch, cancellationToken);
                        }

                        await AddAsync(batch, DeviceWire.TypeHeartbeat, 0, beatPs & DeviceWire.ValueMask, cancellationToken);
                    }
                }

                if (tag.TimePs >> DeviceWire.EpochShift != epoch)
                {
                    epoch = tag.TimePs >> DeviceWire.EpochShift;
                    await AddAsync(batch, DeviceWire.TypeRollover, 0, epoch, cancellationToken);
                }

                await AddAsync(batch, DeviceWire.TypeTag, tag.Channel, tag.TimePs & DeviceWire.ValueMask, cancellationToken);
                tagsSent++;
                lastRecordPs = tag.TimePs;
            }
        }

        await SendAsync(batch, cancellationToken);
    }

    /// <summary>
    /// Appends one record and sends the batch once it is full. Not an async method on purpose: only a
    /// full batch costs an await, the per-record path (11 M tags a pass) stays synchronous.
    /// </summary>
    private ValueTask AddAsync(BatchBuilder batch, int type, int channel, long value, CancellationToken cancellationToken)
    {
        batch.Add(type, channel, value);
        return batch.IsFull ? new ValueTask(SendAsync(batch, cancellationToken)) : ValueTask.CompletedTask;
    }

    private async Task SendAsync(BatchBuilder batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return;
        }

        ReadOnlyMemory<byte> frame = batch.Seal(unchecked((uint)batchesSent));
        await WriteAsync(frame, cancellationToken);
        Interlocked.Increment(ref batchesSent);
        batch.Clear();
    }

    /// <summary>Accumulates records of one batch frame behind space for its header.</summary>
    private sealed class BatchBuilder(int capacity)
    {
        private readonly byte[] frame = new byte[DeviceWire.BatchHeaderLength + (capacity * DeviceWire.RecordLength)];

        public int Count { get; private set; }

        public bool IsFull => Count == capacity;

        public void Add(int type, int channel, long value)
        {
            DeviceWire.WriteRecord(frame.AsSpan(DeviceWire.BatchHeaderLength + (Count * DeviceWire.RecordLength)), type, channel, value);
            Count++;
        }

        public ReadOnlyMemory<byte> Seal(uint batchNumber)
        {
            DeviceWire.SealBatch(frame, batchNumber, Count);
            return frame.AsMemory(0, DeviceWire.BatchHeaderLength + (Count * DeviceWire.RecordLength));
        }

        public void Clear() => Count = 0;
    }
}
