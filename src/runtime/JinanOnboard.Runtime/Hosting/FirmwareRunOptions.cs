using JinanOnboard.Config.Model;

namespace JinanOnboard.Runtime.Hosting;

/// <summary>How one firmware process is started (from the CLI or the bench).</summary>
public sealed record FirmwareRunOptions
{
    public required FirmwareConfiguration Configuration { get; init; }

    /// <summary>Endpoint to listen on (ground) or connect to (payload); null = configuration's link.endpoint.</summary>
    public string? Endpoint { get; init; }

    /// <summary>Directory with payload.key/.pub and ground.key/.pub; null = configuration's keys.directory.</summary>
    public string? KeyDirectory { get; init; }

    /// <summary>Where to write this process's result JSON; null = nowhere.</summary>
    public string? ResultPath { get; init; }

    /// <summary>Directory for this side's key store and other outputs; null = a temporary directory.</summary>
    public string? OutputDirectory { get; init; }

    /// <summary>Run seed override; null = configuration's seed.</summary>
    public ulong? Seed { get; init; }

    /// <summary>Overrides pass.realtime.</summary>
    public bool? Realtime { get; init; }

    /// <summary>Ground: how long to wait for the payload to connect.</summary>
    public TimeSpan AcceptTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Called with the actual endpoint once the ground listens (the bench reads it to start the payload).</summary>
    public Action<string>? OnListening { get; init; }

    /// <summary>Light time of the pass (orbit layer), used by the link emulation when no fixed delay is configured.</summary>
    public Func<double, double>? OneWayDelaySAtPassSeconds { get; init; }

    /// <summary>The recording seam: sees every link CADU and every time-tag batch; null records nothing.</summary>
    public JinanOnboard.Primitives.Recording.ITap? Tap { get; init; }

    public ulong EffectiveSeed => Seed ?? Configuration.Seed;
}
