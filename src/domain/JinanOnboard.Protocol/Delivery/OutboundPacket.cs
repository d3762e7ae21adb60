using JinanOnboard.Protocol.Framing;

namespace JinanOnboard.Protocol.Delivery;

/// <summary>A packet waiting to be (re)sent, with the state the retransmission logic needs.</summary>
internal sealed class OutboundPacket(ushort apid, byte type, SequenceFlags flags, uint messageId, ReadOnlyMemory<byte> data)
{
    private int _queued;

    public ushort Apid { get; } = apid;

    public byte Type { get; } = type;

    public SequenceFlags Flags { get; } = flags;

    /// <summary>0 for unacknowledged packets.</summary>
    public uint MessageId { get; } = messageId;

    public ReadOnlyMemory<byte> Data { get; } = data;

    public int EncodedLength => SpacePacket.HeaderLength + Data.Length;

    public int Transmissions { get; set; }

    public TaskCompletionSource Acked { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Marks the packet as sitting in the transmit queue; false if it already was.</summary>
    public bool TryMarkQueued() => Interlocked.Exchange(ref _queued, 1) == 0;

    public void MarkDequeued() => Volatile.Write(ref _queued, 0);
}
