using JinanOnboard.Config.Model;

namespace JinanOnboard.Cli.Bench;

/// <summary>What `jinan bench` was asked to do.</summary>
internal sealed record BenchRequest(
    string ConfigArgument,
    FirmwareConfiguration Configuration,
    ulong Seed,
    string Transport,
    string OutputDirectory,
    bool Realtime,
    double? DurationOverrideS,
    bool Json);
