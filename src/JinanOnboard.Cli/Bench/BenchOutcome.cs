using JinanOnboard.Firmware.Hosting;

namespace JinanOnboard.Cli.Bench;

/// <summary>Both sides' results and, if the bench failed, one line saying why.</summary>
internal sealed record BenchOutcome(FirmwareResult? Payload, FirmwareResult? Ground, string? Failure)
{
    public int? PayloadPid { get; init; } = Payload?.ProcessId;

    public int? GroundPid { get; init; } = Ground?.ProcessId;

    public int? PayloadExitCode { get; init; } = Payload?.ExitCode;

    public int? GroundExitCode { get; init; } = Ground?.ExitCode;

    public static BenchOutcome From(FirmwareResult? payload, FirmwareResult? ground)
    {
        string? failure = (payload, ground) switch
        {
            (null, _) => "payload produced no result (it crashed or was killed)",
            (_, null) => "ground produced no result (it crashed or was killed)",
            _ when payload.Status != "completed" => $"payload {payload.Status.Replace('_', ' ')}: {payload.Error}",
            _ when ground.Status != "completed" => $"ground {ground.Status.Replace('_', ' ')}: {ground.Error}",
            _ => null,
        };
        return new BenchOutcome(payload, ground, failure);
    }
}
