using JinanOnboard.Source;
using JinanOnboard.Primitives.Randomness;
using JinanOnboard.Source.Random;
using System.Buffers.Binary;
using JinanOnboard.Primitives.Recording;
using JinanOnboard.Detection.Indexing;
using JinanOnboard.Devices.TimeTagger;
using JinanOnboard.Primitives.Detections;
using JinanOnboard.Runtime.Distillation;
using JinanOnboard.Ground.Components.Detection;
using JinanOnboard.OpticalBench;
using JinanOnboard.QuantumChannel;
using JinanOnboard.QuantumChannel.Profiles;
using JinanOnboard.QuantumChannel.Simulation;

namespace JinanOnboard.Firmware.Tests.Quantum;

/// <summary>The OGS detection chain over the simulated front end: real driver, wire protocol, indexer, recording seam.</summary>
public sealed class QuantumReceiverTests
{
    private sealed class RecordingTap : ITap
    {
        public List<(string Stream, byte[] Data)> Seen { get; } = [];

        public void Observe(string stream, TapDirection direction, TimeSpan passTime, ReadOnlySpan<byte> data) => Seen.Add((stream, data.ToArray()));
    }

    [Fact]
    public async Task Detections_come_out_in_sequence_order_with_the_source_choices_and_every_tag_crosses_the_tap()
    {
        const double durationS = 0.05;
        var store = new PhiloxPulseRandomStore(SeedSequence.Derive(3, "source.rng"), SourceConfiguration.Jinan1);
        await using var hardware = new SimulatedOpticalBench(store, SourceConfiguration.Jinan1, new ConstantChannelProfile(1e-3, 200, 0.0, 0.002),
            new ChannelSimulationOptions { Seed = 5, DurationSeconds = durationS });
        await using var driver = new TimeTaggerDevice(hardware.HostStream, shouldDispose: false);
        var tap = new RecordingTap();
        var receiver = new QuantumReceiver(driver, new PulseIndexerOptions(), durationS, tap);
        var detections = new List<PulseDetection>();
        receiver.Detections.ConnectTo((batch, _) => { detections.AddRange(batch.Span); return ValueTask.CompletedTask; });

        hardware.Start();
        receiver.OnPassComplete();
        await receiver.RunAsync(() => hardware.Exhausted, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(detections.Count > 1000, $"only {detections.Count} detections");
        Assert.All(detections.Zip(detections.Skip(1)), pair => Assert.True(pair.First.Sequence < pair.Second.Sequence));

        // Without polarization error, a detection in the preparation basis carries the source's bit (up to noise and 25 dB contrast).
        var sameBasis = detections.Where(d => (int)store.GetChoice(d.Sequence).Basis == d.Basis).ToList();
        double errors = sameBasis.Count(d => store.GetChoice(d.Sequence).Bit != d.Bit) / (double)sameBasis.Count;
        Assert.InRange(errors, 0, 0.02);

        Assert.All(tap.Seen, s => Assert.Equal(QuantumReceiver.TapStream, s.Stream));
        long tapped = tap.Seen.Sum(s => s.Data.Length / 12);
        Assert.Equal(receiver.TagsRead, tapped);
        Assert.Contains(tap.Seen, s => BinaryPrimitives.ReadInt32LittleEndian(s.Data) is >= 0 and <= 4);
    }
}
