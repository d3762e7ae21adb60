using JinanOnboard.Runtime.Hosting;

namespace JinanOnboard.Payload;

/// <summary>The payload firmware's entry point (`jinan payload` starts this executable).</summary>
internal static class Program
{
    public static Task<int> Main(string[] args) =>
        FirmwareCommandLine.RunAsync(FirmwareRole.Payload, args, _ => new BenchPayloadTopology());
}
