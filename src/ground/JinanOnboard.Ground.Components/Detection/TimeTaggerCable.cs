namespace JinanOnboard.Ground.Components.Detection;

/// <summary>
/// The OGS's time tagger as the firmware sees it: the byte stream its driver speaks TTW/1 over
/// (protocol-spec/tdc-wire.md) — a serial port, a socket, or the simulated bench's in-process cable —
/// and whether the far end has said it has no more tags. A real device never says so: after the
/// pass ends, a second of silence ends the stream.
/// </summary>
public sealed record TimeTaggerCable(Stream Bus, Func<bool> FarEndDrained)
{
    /// <summary>A real device's cable: the end of the stream is known only from silence.</summary>
    public static TimeTaggerCable ForDevice(Stream bus) => new(bus, static () => true);
}
