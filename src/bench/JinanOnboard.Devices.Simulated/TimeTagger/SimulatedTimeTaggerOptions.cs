namespace JinanOnboard.Devices.Simulated.TimeTagger;

/// <summary>Identity and behaviour of a <see cref="SimulatedTimeTagger"/>.</summary>
public sealed record SimulatedTimeTaggerOptions
{
    /// <summary>Model name reported by IDENTIFY (ASCII, at most 64 characters).</summary>
    public string Model { get; init; } = "JinanSim TDC-5";

    /// <summary>Serial number reported by IDENTIFY.</summary>
    public uint SerialNumber { get; init; } = 20_260_001;

    /// <summary>Number of inputs: 4 detectors and the sync channel.</summary>
    public int ChannelCount { get; init; } = 5;

    /// <summary>Records per batch frame, 1..1024.</summary>
    public int RecordsPerBatch { get; init; } = 512;

    /// <summary>Device time without records after which a HEARTBEAT is sent, ps (1 ms).</summary>
    public long HeartbeatIntervalPs { get; init; } = 1_000_000_000;
}
