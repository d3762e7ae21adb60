using System.Buffers.Binary;

namespace JinanOnboard.Devices.TimeTagger;

/// <summary>Kind of frame returned by <see cref="TdcFrameReader"/>.</summary>
internal enum TdcFrameKind
{
    Response,
    Batch,
}

/// <summary>
/// Reads device-to-host frames from the byte stream with the receiver rules of spec 5.1: scan for a
/// magic, check CRCs, drop and count corrupt frames, resynchronise. Keeps partial frames across
/// cancellation, so a cancelled read resumes without losing bytes.
/// </summary>
internal sealed class TdcFrameReader
{
    private const int BufferBytes = 64 * 1024;

    private readonly Stream stream;
    private byte[] buffer = new byte[BufferBytes];
    private int start;
    private int end;
    private uint? lastBatchNumber;

    public TdcFrameReader(Stream stream) => this.stream = stream;

    public long CorruptBatches { get; private set; }

    public long CorruptResponses { get; private set; }

    public long LostBatches { get; private set; }

    public long BatchesReceived { get; private set; }

    public long SkippedBytes { get; private set; }

    // Fields of the frame last returned; spans stay valid until the next read.
    public byte Opcode { get; private set; }

    public byte Tag { get; private set; }

    public TimeTaggerStatus Status { get; private set; }

    public ReadOnlySpan<byte> Payload => buffer.AsSpan(payloadStart, payloadLength);

    private int payloadStart;
    private int payloadLength;

    /// <summary>Forgets the batch numbering (a new stream starts at batch 0).</summary>
    public void ResetBatchNumbering() => lastBatchNumber = null;

    /// <summary>
    /// True when a whole batch frame with a valid header is already buffered, so the next
    /// <see cref="ReadFrameAsync"/> returns it without waiting for the stream.
    /// </summary>
    public bool HasBufferedBatch
    {
        get
        {
            if (end - start < TdcWire.BatchHeaderBytes || buffer[start] != TdcWire.MagicLead || buffer[start + 1] != TdcWire.BatchType)
            {
                return false;
            }

            ReadOnlySpan<byte> header = buffer.AsSpan(start, TdcWire.BatchHeaderBytes);
            int count = BinaryPrimitives.ReadUInt16BigEndian(header[6..]);
            return count is > 0 and <= TdcWire.MaxRecordsPerBatch
                && end - start >= TdcWire.BatchHeaderBytes + (count * TdcWire.RecordBytes)
                && TdcWire.Crc(header[..12]) == BinaryPrimitives.ReadUInt32BigEndian(header[12..]);
        }
    }

    public async ValueTask<TdcFrameKind> ReadFrameAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            await EnsureAsync(2, cancellationToken);
            if (buffer[start] != TdcWire.MagicLead
                || (buffer[start + 1] != TdcWire.BatchType && buffer[start + 1] != TdcWire.ResponseType))
            {
                start++;
                SkippedBytes++;
                continue;
            }

            if (buffer[start + 1] == TdcWire.BatchType)
            {
                if (await TryBatchAsync(cancellationToken))
                {
                    return TdcFrameKind.Batch;
                }
            }
            else if (await TryResponseAsync(cancellationToken))
            {
                return TdcFrameKind.Response;
            }
        }
    }

    private async ValueTask<bool> TryBatchAsync(CancellationToken cancellationToken)
    {
        await EnsureAsync(TdcWire.BatchHeaderBytes, cancellationToken);
        ReadOnlySpan<byte> header = buffer.AsSpan(start, TdcWire.BatchHeaderBytes);
        uint batchNumber = BinaryPrimitives.ReadUInt32BigEndian(header[2..]);
        int count = BinaryPrimitives.ReadUInt16BigEndian(header[6..]);
        uint payloadCrc = BinaryPrimitives.ReadUInt32BigEndian(header[8..]);
        uint headerCrc = BinaryPrimitives.ReadUInt32BigEndian(header[12..]);
        if (TdcWire.Crc(header[..12]) != headerCrc || count is 0 or > TdcWire.MaxRecordsPerBatch)
        {
            // The count cannot be trusted: step one byte and rescan (spec 5.1 rule 2).
            CorruptBatches++;
            start++;
            SkippedBytes++;
            return false;
        }

        int frameBytes = TdcWire.BatchHeaderBytes + (count * TdcWire.RecordBytes);
        await EnsureAsync(frameBytes, cancellationToken);
        int recordsAt = start + TdcWire.BatchHeaderBytes;
        int recordBytes = count * TdcWire.RecordBytes;
        start += frameBytes;
        if (TdcWire.Crc(buffer.AsSpan(recordsAt, recordBytes)) != payloadCrc)
        {
            // Header trusted, so skip exactly this batch (rule 4).
            CorruptBatches++;
            SkippedBytes += frameBytes;
            return false;
        }

        if (lastBatchNumber is uint previous && batchNumber != unchecked(previous + 1))
        {
            LostBatches += unchecked(batchNumber - previous - 1);
        }

        lastBatchNumber = batchNumber;
        BatchesReceived++;
        payloadStart = recordsAt;
        payloadLength = recordBytes;
        return true;
    }

    private async ValueTask<bool> TryResponseAsync(CancellationToken cancellationToken)
    {
        await EnsureAsync(TdcWire.ResponseHeaderBytes, cancellationToken);
        int length = BinaryPrimitives.ReadUInt16BigEndian(buffer.AsSpan(start + 5));
        if (length > TdcWire.MaxPayloadBytes)
        {
            CorruptResponses++;
            start++;
            SkippedBytes++;
            return false;
        }

        int frameBytes = TdcWire.ResponseHeaderBytes + length + TdcWire.CrcBytes;
        await EnsureAsync(frameBytes, cancellationToken);
        int crcAt = start + TdcWire.ResponseHeaderBytes + length;
        uint crc = BinaryPrimitives.ReadUInt32BigEndian(buffer.AsSpan(crcAt));
        if (TdcWire.Crc(buffer.AsSpan(start, frameBytes - TdcWire.CrcBytes)) != crc)
        {
            CorruptResponses++;
            start++;
            SkippedBytes++;
            return false;
        }

        Opcode = buffer[start + 2];
        Tag = buffer[start + 3];
        Status = (TimeTaggerStatus)buffer[start + 4];
        payloadStart = start + TdcWire.ResponseHeaderBytes;
        payloadLength = length;
        start += frameBytes;
        return true;
    }

    private async ValueTask EnsureAsync(int count, CancellationToken cancellationToken)
    {
        while (end - start < count)
        {
            if (start > 0 && buffer.Length - start < count + 4096)
            {
                Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                end -= start;
                start = 0;
            }

            if (buffer.Length < count)
            {
                Array.Resize(ref buffer, count);
            }

            int read;
            try
            {
                read = await stream.ReadAsync(buffer.AsMemory(end), cancellationToken);
            }
            catch (IOException ex)
            {
                throw new TimeTaggerDisconnectedException("TDC link failed while reading: " + ex.Message, ex);
            }
            catch (ObjectDisposedException ex)
            {
                throw new TimeTaggerDisconnectedException("TDC link was closed", ex);
            }

            if (read == 0)
            {
                throw new TimeTaggerDisconnectedException("TDC disconnected: the byte stream ended");
            }

            end += read;
        }
    }
}
