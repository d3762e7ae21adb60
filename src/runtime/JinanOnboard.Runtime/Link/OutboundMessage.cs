namespace JinanOnboard.Runtime.Link;

/// <summary>A message a component hands to the link: APID, message type, body, and whether it must be acknowledged.</summary>
public sealed record OutboundMessage(ushort Apid, byte Type, byte[] Body, bool Reliable);
