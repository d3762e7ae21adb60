using System.Buffers.Binary;
using System.Text;
using JinanOnboard.Primitives.TimeTags;

namespace JinanOnboard.Devices.TimeTagger;

/// <summary>
/// Binding for a streaming time-to-digital converter speaking the TTW/1 wire protocol
/// (protocol-spec/tdc-wire.md) over any full-duplex <see cref="Stream"/>: a serial port's
/// BaseStream, a TCP NetworkStream, or an in-memory pipe in tests. dotnet/iot style: the binding
/// receives its bus and owns it only if <c>shouldDispose</c>.
/// Not thread-safe: one caller drives it (commands and reads in turn); concurrent use throws.
/// </summary>
public sealed class TimeTaggerDevice : IDisposable, IAsyncDisposable
{
    private const long RolloverPs = 1L << 56;

    private readonly Stream stream;
    private readonly bool shouldDispose;
    private readonly TdcFrameReader reader;
    private readonly TimeProvider timeProvider;

    private TimeTag[] pending = new TimeTag[TdcWire.MaxRecordsPerBatch];
    private int pendingStart;
    private int pendingCount;
    private long epoch;
    private byte nextTag;
    private int busy;
    private bool disposed;

    private long tagsReceived;
    private long deviceLostTags;
    private long lastDeviceTimePs;

    /// <summary>Binds to a TDC on <paramref name="stream"/>.</summary>
    /// <param name="stream">Full-duplex byte stream to the device.</param>
    /// <param name="shouldDispose">True to dispose <paramref name="stream"/> with this binding.</param>
    /// <param name="timeProvider">Clock for response timeouts; the system clock if null.</param>
    public TimeTaggerDevice(Stream stream, bool shouldDispose = true, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        this.stream = stream;
        this.shouldDispose = shouldDispose;
        this.timeProvider = timeProvider ?? TimeProvider.System;
        reader = new TdcFrameReader(stream);
    }

    /// <summary>How long a command waits for its response before failing. Default 2 s.</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>True between a successful <see cref="StartAsync"/> and <see cref="StopAsync"/>.</summary>
    public bool IsStreaming { get; private set; }

    /// <summary>Link statistics so far.</summary>
    public TimeTaggerStatistics Statistics => new(
        reader.BatchesReceived, reader.CorruptBatches, reader.LostBatches, reader.CorruptResponses,
        reader.SkippedBytes, tagsReceived, deviceLostTags, lastDeviceTimePs);

    /// <summary>Asks the device who it is (IDENTIFY).</summary>
    public async Task<TimeTaggerIdentity> IdentifyAsync(CancellationToken cancellationToken = default)
    {
        byte[] payload = await CommandAsync(TdcWire.OpIdentify, [], cancellationToken);
        if (payload.Length < 9 || payload.Length < 9 + payload[8])
        {
            throw new TimeTaggerException("IDENTIFY response too short");
        }

        return new TimeTaggerIdentity(
            payload[0],
            payload[1],
            BinaryPrimitives.ReadUInt16BigEndian(payload.AsSpan(2)),
            BinaryPrimitives.ReadUInt32BigEndian(payload.AsSpan(4)),
            Encoding.ASCII.GetString(payload, 9, payload[8]));
    }

    /// <summary>Enables inputs and sets discriminator levels (SET_CHANNEL_ENABLE, SET_THRESHOLD).</summary>
    public async Task ConfigureAsync(TimeTaggerConfiguration configuration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        await SetChannelEnablesAsync(configuration.EnabledChannelMask, cancellationToken);
        if (configuration.ThresholdsMv is { } thresholds)
        {
            for (int channel = 0; channel < thresholds.Count; channel++)
            {
                await SetThresholdAsync(channel, thresholds[channel], cancellationToken);
            }
        }
    }

    /// <summary>Enables the inputs whose bits are set (SET_CHANNEL_ENABLE).</summary>
    public async Task SetChannelEnablesAsync(ushort enabledChannelMask, CancellationToken cancellationToken = default)
    {
        byte[] payload = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(payload, enabledChannelMask);
        await CommandAsync(TdcWire.OpSetChannelEnable, payload, cancellationToken);
    }

    /// <summary>Sets one input's discriminator level in millivolts (SET_THRESHOLD).</summary>
    public async Task SetThresholdAsync(int channel, int thresholdMv, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(channel);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(channel, 15);
        ArgumentOutOfRangeException.ThrowIfLessThan(thresholdMv, short.MinValue);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(thresholdMv, short.MaxValue);
        byte[] payload = new byte[3];
        payload[0] = (byte)channel;
        BinaryPrimitives.WriteInt16BigEndian(payload.AsSpan(1), (short)thresholdMv);
        await CommandAsync(TdcWire.OpSetThreshold, payload, cancellationToken);
    }

    /// <summary>Starts streaming (START_STREAM); then call <see cref="ReadTagsAsync"/>.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        reader.ResetBatchNumbering();
        await CommandAsync(TdcWire.OpStartStream, [], cancellationToken);
        IsStreaming = true;
    }

    /// <summary>
    /// Stops streaming (STOP_STREAM). Tags of batches that arrive before the response are kept and
    /// returned by later <see cref="ReadTagsAsync"/> calls, which return 0 once they are drained.
    /// </summary>
    public async Task<TimeTaggerStreamSummary> StopAsync(CancellationToken cancellationToken = default)
    {
        byte[] payload = await CommandAsync(TdcWire.OpStopStream, [], cancellationToken);
        IsStreaming = false;
        if (payload.Length < 20)
        {
            throw new TimeTaggerException("STOP_STREAM response too short");
        }

        return new TimeTaggerStreamSummary(
            BinaryPrimitives.ReadUInt32BigEndian(payload),
            BinaryPrimitives.ReadUInt64BigEndian(payload.AsSpan(4)),
            BinaryPrimitives.ReadUInt64BigEndian(payload.AsSpan(12)));
    }

    /// <summary>
    /// Fills <paramref name="buffer"/> with the next tags, in device time order, waiting for a batch
    /// if none is pending. Returns 0 only when not streaming and nothing is pending.
    /// Throws <see cref="TimeTaggerDisconnectedException"/> if the link ends.
    /// </summary>
    public async ValueTask<int> ReadTagsAsync(Memory<TimeTag> buffer, CancellationToken cancellationToken = default)
    {
        Enter();
        try
        {
            // Wait for one batch if none is pending, then take every batch already buffered that fits:
            // callers get full buffers, not one batch per call.
            while (IsStreaming && (pendingCount == 0 || (pendingCount < buffer.Length && reader.HasBufferedBatch)))
            {
                TdcFrameKind kind = await reader.ReadFrameAsync(cancellationToken);
                if (kind == TdcFrameKind.Batch)
                {
                    DecodeBatch(reader.Payload);
                }

                // A response nobody waits for (a late answer after a timeout) is dropped.
            }

            int n = Math.Min(buffer.Length, pendingCount);
            pending.AsSpan(pendingStart, n).CopyTo(buffer.Span);
            pendingStart += n;
            pendingCount -= n;
            return n;
        }
        finally
        {
            Exit();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        if (shouldDispose)
        {
            stream.Dispose();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        if (shouldDispose)
        {
            await stream.DisposeAsync();
        }
    }

    private async Task<byte[]> CommandAsync(byte opcode, byte[] payload, CancellationToken cancellationToken)
    {
        Enter();
        try
        {
            byte tag = nextTag++;
            byte[] frame = TdcWire.BuildCommand(opcode, tag, payload);
            using var timeout = new CancellationTokenSource(ResponseTimeout, timeProvider);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            try
            {
                await stream.WriteAsync(frame, linked.Token);
                await stream.FlushAsync(linked.Token);
                while (true)
                {
                    TdcFrameKind kind = await reader.ReadFrameAsync(linked.Token);
                    if (kind == TdcFrameKind.Batch)
                    {
                        DecodeBatch(reader.Payload);
                        continue;
                    }

                    if (reader.Opcode != opcode || reader.Tag != tag)
                    {
                        continue; // stale answer to an earlier, timed-out command
                    }

                    if (reader.Status != TimeTaggerStatus.Ok)
                    {
                        throw new TimeTaggerException(
                            $"TDC refused command 0x{opcode:X2}: {reader.Status}", reader.Status);
                    }

                    return reader.Payload.ToArray();
                }
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new TimeTaggerException(
                    $"TDC did not answer command 0x{opcode:X2} within {ResponseTimeout.TotalMilliseconds} ms");
            }
            catch (IOException ex) when (ex is not TimeTaggerException)
            {
                throw new TimeTaggerDisconnectedException("TDC link failed while writing: " + ex.Message, ex);
            }
            catch (ObjectDisposedException ex)
            {
                throw new TimeTaggerDisconnectedException("TDC link was closed", ex);
            }
        }
        finally
        {
            Exit();
        }
    }

    // Hot loop: compiled at first use rather than taken from the ReadyToRun image, whose code cannot inline across
    // assemblies or use the machine's full instruction set, and with tiering off would never be replaced.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private void DecodeBatch(ReadOnlySpan<byte> records)
    {
        int count = records.Length / TdcWire.RecordBytes;
        if (pendingCount == 0)
        {
            pendingStart = 0;
        }
        else if (pendingStart + pendingCount + count > pending.Length)
        {
            Array.Copy(pending, pendingStart, pending, 0, pendingCount);
            pendingStart = 0;
        }

        if (pendingCount + count > pending.Length)
        {
            Array.Resize(ref pending, Math.Max(pending.Length * 2, pendingCount + count));
        }

        for (int i = 0; i < count; i++)
        {
            ReadOnlySpan<byte> record = records.Slice(i * TdcWire.RecordBytes, TdcWire.RecordBytes);
            int type = record[0] >> 4;
            int channel = record[0] & 0x0F;
            long value = TdcWire.Value56(record);
            switch (type)
            {
                case TdcWire.RecordTag:
                    long timePs = (epoch * RolloverPs) + value;
                    pending[pendingStart + pendingCount++] = new TimeTag(channel, timePs);
                    tagsReceived++;
                    lastDeviceTimePs = timePs;
                    break;
                case TdcWire.RecordHeartbeat:
                    lastDeviceTimePs = (epoch * RolloverPs) + value;
                    break;
                case TdcWire.RecordRollover:
                    // Full time must fit a long: 127 epochs of 20 h each is far beyond any session.
                    epoch = Math.Min(value, 127);
                    break;
                case TdcWire.RecordLost:
                    deviceLostTags += value;
                    break;
                default:
                    break; // reserved types are ignored (spec section 6)
            }
        }
    }

    private void Enter()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (Interlocked.Exchange(ref busy, 1) != 0)
        {
            throw new InvalidOperationException("TimeTaggerDevice is not thread-safe: one operation at a time");
        }
    }

    private void Exit() => Volatile.Write(ref busy, 0);
}
