namespace JinanOnboard.Transport.LinkEmulation;

/// <summary>Counters of one emulated direction, updated as chunks pass; safe to read from any thread.</summary>
public sealed class LinkDirectionStatistics
{
    private long _chunksOffered;
    private long _chunksDelivered;
    private long _chunksLost;
    private long _chunksInOutage;
    private long _chunksCorrupted;
    private long _bitsFlipped;
    private long _bytesOffered;
    private long _bytesDelivered;
    private long _chunksDuplicated;
    private long _bytesDuplicated;
    private long _chunksReordered;

    /// <summary>Chunks the sender handed to the link.</summary>
    public long ChunksOffered => Interlocked.Read(ref _chunksOffered);

    /// <summary>Chunks written to the receiver (corrupted ones and duplicate copies included).</summary>
    public long ChunksDelivered => Interlocked.Read(ref _chunksDelivered);

    /// <summary>Chunks dropped by Gilbert-Elliott loss.</summary>
    public long ChunksLost => Interlocked.Read(ref _chunksLost);

    /// <summary>Chunks dropped because they were sent during an outage.</summary>
    public long ChunksInOutage => Interlocked.Read(ref _chunksInOutage);

    /// <summary>Delivered chunks with at least one flipped bit.</summary>
    public long ChunksCorrupted => Interlocked.Read(ref _chunksCorrupted);

    /// <summary>Bits flipped in delivered chunks.</summary>
    public long BitsFlipped => Interlocked.Read(ref _bitsFlipped);

    /// <summary>Bytes the sender handed to the link.</summary>
    public long BytesOffered => Interlocked.Read(ref _bytesOffered);

    /// <summary>Bytes written to the receiver (duplicate copies included).</summary>
    public long BytesDelivered => Interlocked.Read(ref _bytesDelivered);

    /// <summary>Extra copies written to the receiver (each also counted in <see cref="ChunksDelivered"/>).</summary>
    public long ChunksDuplicated => Interlocked.Read(ref _chunksDuplicated);

    /// <summary>Bytes of the extra copies: they took no line time, so line utilisation leaves them out.</summary>
    public long BytesDuplicated => Interlocked.Read(ref _bytesDuplicated);

    /// <summary>Chunks held back and delivered after the chunk sent behind them (adjacent swaps).</summary>
    public long ChunksReordered => Interlocked.Read(ref _chunksReordered);

    internal void Offered(int bytes, ChunkFate fate, int bitsFlipped)
    {
        Interlocked.Increment(ref _chunksOffered);
        Interlocked.Add(ref _bytesOffered, bytes);
        switch (fate)
        {
            case ChunkFate.Lost:
                Interlocked.Increment(ref _chunksLost);
                break;
            case ChunkFate.InOutage:
                Interlocked.Increment(ref _chunksInOutage);
                break;
            default:
                if (bitsFlipped > 0)
                {
                    Interlocked.Increment(ref _chunksCorrupted);
                    Interlocked.Add(ref _bitsFlipped, bitsFlipped);
                }

                break;
        }
    }

    internal void Delivered(int bytes)
    {
        Interlocked.Increment(ref _chunksDelivered);
        Interlocked.Add(ref _bytesDelivered, bytes);
    }

    internal void DeliveredCopy(int bytes)
    {
        Delivered(bytes);
        Interlocked.Increment(ref _chunksDuplicated);
        Interlocked.Add(ref _bytesDuplicated, bytes);
    }

    internal void Reordered() => Interlocked.Increment(ref _chunksReordered);
}
