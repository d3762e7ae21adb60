namespace JinanOnboard.Protocol.Delivery;

/// <summary>A complete application message received from the peer (reassembled if it was segmented).</summary>
/// <param name="Apid">Message family.</param>
/// <param name="Type">Message type within the family.</param>
/// <param name="Data">Message body.</param>
/// <param name="Reliable">Whether the peer sent it with acknowledgement.</param>
public sealed record InboundMessage(ushort Apid, byte Type, byte[] Data, bool Reliable);
