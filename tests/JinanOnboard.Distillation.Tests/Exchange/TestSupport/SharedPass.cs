using JinanOnboard.Primitives.Detections;
using JinanOnboard.Distillation.Exchange;
using JinanOnboard.Source;
using JinanOnboard.Source.Random;

namespace JinanOnboard.Distillation.Tests.Exchange.TestSupport;

/// <summary>
/// One simulated pass shared by the end-to-end tests (simulating it takes a few seconds in Debug):
/// 4.5 M pulses, η = 0.3, optical error 0.5% → about 512 k detections, 230 k sifted bits,
/// eleven 20 kbit packets: one full 200 kbit PA block with a positive ℓ and a one-packet tail block.
/// </summary>
internal static class SharedPass
{
    public static PhiloxPulseRandomStore Store { get; } = new(42, SourceConfiguration.Jinan1);

    private static readonly Lazy<PulseDetection[]> LazyDetections = new(() =>
        [.. DetectionSimulator.Simulate(Store, SourceConfiguration.Jinan1, 4_500_000, eta: 0.3, darkYield: 1e-5, opticalError: 0.005, seed: 3)]);

    public static DistillationOptions Options { get; } = new()
    {
        PacketBits = 20_000,
        BlockPackets = 10,
        RoundDetections = 50_000,
    };

    public static PulseDetection[] Detections => LazyDetections.Value;
}
