namespace JinanOnboard.Devices.TimeTagger;

/// <summary>What the TDC says about itself (IDENTIFY, spec 4.1).</summary>
/// <param name="ProtocolVersion">Wire protocol version (1).</param>
/// <param name="ChannelCount">Number of inputs.</param>
/// <param name="ResolutionPs">Picoseconds per timestamp LSB.</param>
/// <param name="SerialNumber">Device serial number.</param>
/// <param name="Model">Model name.</param>
public sealed record TimeTaggerIdentity(int ProtocolVersion, int ChannelCount, int ResolutionPs, uint SerialNumber, string Model);

/// <summary>Input configuration applied by <see cref="TimeTaggerDevice.ConfigureAsync"/>.</summary>
/// <param name="EnabledChannelMask">Bit c enables input c.</param>
/// <param name="ThresholdsMv">Discriminator level per input, mV (-2000..2000); null leaves the device defaults.</param>
public sealed record TimeTaggerConfiguration(ushort EnabledChannelMask, IReadOnlyList<int>? ThresholdsMv = null);

/// <summary>The device's own count of a finished stream (STOP_STREAM response).</summary>
/// <param name="BatchesSent">Batches the device sent.</param>
/// <param name="TagsSent">Tags the device sent.</param>
/// <param name="TagsLost">Tags the device dropped before sending (FIFO overflow).</param>
public sealed record TimeTaggerStreamSummary(uint BatchesSent, ulong TagsSent, ulong TagsLost);

/// <summary>Host-side link statistics.</summary>
/// <param name="BatchesReceived">Batches that passed both CRCs.</param>
/// <param name="CorruptBatches">Batches rejected by a header or payload CRC check.</param>
/// <param name="LostBatches">Gaps in the batch numbering (includes rejected batches).</param>
/// <param name="CorruptResponses">Response frames rejected by their CRC.</param>
/// <param name="SkippedBytes">Bytes discarded while resynchronising.</param>
/// <param name="TagsReceived">TAG records delivered.</param>
/// <param name="DeviceLostTags">Tags the device reported lost (LOST records).</param>
/// <param name="LastDeviceTimePs">Latest device time seen in any record, ps (heartbeats advance it when there are no tags).</param>
public sealed record TimeTaggerStatistics(
    long BatchesReceived,
    long CorruptBatches,
    long LostBatches,
    long CorruptResponses,
    long SkippedBytes,
    long TagsReceived,
    long DeviceLostTags,
    long LastDeviceTimePs);
