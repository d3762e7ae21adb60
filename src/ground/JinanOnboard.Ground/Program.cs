using JinanOnboard.Runtime.Hosting;

namespace JinanOnboard.Ground;

/// <summary>
/// The ground firmware's entry point (`jinan ground` starts this executable). Its hardware today is the
/// simulated optical bench; real devices come through the drivers' buses the same way.
/// </summary>
internal static class Program
{
    public static Task<int> Main(string[] args) =>
        FirmwareCommandLine.RunAsync(FirmwareRole.Ground, args, _ => new BenchGroundTopology());
}
