namespace JinanOnboard.Protocol.Delivery;

/// <summary>Counters of one end of the link (thread-safe; read a consistent copy with <see cref="Snapshot"/>).</summary>
public sealed class LinkStatistics
{
    internal long FramesSent;
    internal long FramesReceived;
    internal long FramesBadCrc;
    internal long FramesBadSignature;
    internal long FramesMalformed;
    internal long FramesReplayed;
    internal long FramesOutOfSession;
    internal long PacketsMalformed;
    internal long MessagesSent;
    internal long MessagesReceived;
    internal long ReliableSent;
    internal long ReliableAcked;
    internal long ReliableSuperseded;
    internal long Retransmissions;
    internal long DuplicatesReceived;
    internal long PayloadBytesSent;
    internal long PayloadBytesReceived;
    internal long SkippedBytes;
    internal long FramesCorrected;
    internal long SymbolsCorrected;
    internal long FramesUncorrectable;

    /// <summary>Highest frame sequence number accepted from the peer (the peer numbers every frame it sends from 1).</summary>
    internal long PeerFrameSequence;

    /// <summary>A copy of every counter.</summary>
    public LinkStatisticsSnapshot Snapshot() => new(
        FramesSent: Interlocked.Read(ref FramesSent),
        FramesReceived: Interlocked.Read(ref FramesReceived),
        FramesBadCrc: Interlocked.Read(ref FramesBadCrc),
        FramesBadSignature: Interlocked.Read(ref FramesBadSignature),
        FramesMalformed: Interlocked.Read(ref FramesMalformed),
        FramesReplayed: Interlocked.Read(ref FramesReplayed),
        FramesOutOfSession: Interlocked.Read(ref FramesOutOfSession),
        PacketsMalformed: Interlocked.Read(ref PacketsMalformed),
        MessagesSent: Interlocked.Read(ref MessagesSent),
        MessagesReceived: Interlocked.Read(ref MessagesReceived),
        ReliableSent: Interlocked.Read(ref ReliableSent),
        ReliableAcked: Interlocked.Read(ref ReliableAcked),
        ReliableSuperseded: Interlocked.Read(ref ReliableSuperseded),
        Retransmissions: Interlocked.Read(ref Retransmissions),
        DuplicatesReceived: Interlocked.Read(ref DuplicatesReceived),
        PayloadBytesSent: Interlocked.Read(ref PayloadBytesSent),
        PayloadBytesReceived: Interlocked.Read(ref PayloadBytesReceived),
        SkippedBytes: Interlocked.Read(ref SkippedBytes))
    {
        FramesCorrected = Interlocked.Read(ref FramesCorrected),
        SymbolsCorrected = Interlocked.Read(ref SymbolsCorrected),
        FramesUncorrectable = Interlocked.Read(ref FramesUncorrectable),
        PeerFramesSent = Interlocked.Read(ref PeerFrameSequence),
    };
}

/// <summary>Link counters at one moment. "Rejected" frames are the sum of the bad-CRC, signature, malformed, replay and session counts.</summary>
public sealed record LinkStatisticsSnapshot(
    long FramesSent,
    long FramesReceived,
    long FramesBadCrc,
    long FramesBadSignature,
    long FramesMalformed,
    long FramesReplayed,
    long FramesOutOfSession,
    long PacketsMalformed,
    long MessagesSent,
    long MessagesReceived,
    long ReliableSent,
    long ReliableAcked,
    long ReliableSuperseded,
    long Retransmissions,
    long DuplicatesReceived,
    long PayloadBytesSent,
    long PayloadBytesReceived,
    long SkippedBytes)
{
    /// <summary>Frames the Reed–Solomon decoder repaired (received with errors, delivered intact).</summary>
    public long FramesCorrected { get; init; }

    /// <summary>Symbols (bytes) the decoder corrected in those frames.</summary>
    public long SymbolsCorrected { get; init; }

    /// <summary>Candidate frames with more errors than the code corrects; they then fail the CRC check and count under <see cref="FramesBadCrc"/> too.</summary>
    public long FramesUncorrectable { get; init; }

    /// <summary>The peer's highest frame sequence number seen: how many frames it had sent by its last frame that arrived.</summary>
    public long PeerFramesSent { get; init; }

    public long FramesRejected => FramesBadCrc + FramesBadSignature + FramesMalformed + FramesReplayed + FramesOutOfSession;
}
