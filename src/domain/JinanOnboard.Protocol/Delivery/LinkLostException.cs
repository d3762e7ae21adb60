namespace JinanOnboard.Protocol.Delivery;

/// <summary>The peer went silent, closed the connection without saying goodbye, or the transport failed.</summary>
public sealed class LinkLostException(string message, Exception? inner = null) : Exception(message, inner);
