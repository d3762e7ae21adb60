namespace JinanOnboard.Protocol.Replay;

/// <summary>
/// One application message as a recording holds it, re-assembled from the frames of one direction
/// (protocol-spec/replay.md): its APID, type and body, whether it was sent reliably, where in the recording it first
/// appeared whole (<see cref="RecordIndex"/>, the index of the record that completed it) and the pass time of that record.
/// </summary>
public sealed record RecordedMessage(long RecordIndex, TimeSpan PassTime, ushort Apid, byte Type, byte[] Body, bool Reliable);
