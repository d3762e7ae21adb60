using JinanOnboard.Runtime.Hosting;

namespace JinanOnboard.Ground;

/// <summary>
/// The ground firmware's entry point (`jinan ground` starts this executable). Its hardware today is the
/// simulated optical bench, or with --time-tags FILE a time tagger serving a recording's tags; real devices come
/// through the drivers' buses the same way.
/// </summary>
internal static class Program
{
    public static Task<int> Main(string[] args) =>
        FirmwareCommandLine.RunAsync(FirmwareRole.Ground, args, plan => plan.TimeTagsPath is { } recording
            ? RecordedGroundTopology.Open(recording)
            : new BenchGroundTopology());
}
