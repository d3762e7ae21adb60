using JinanOnboard.Firmware.Tests.Harness;
using JinanOnboard.Ground.Components.Polarization;
using JinanOnboard.Polarization;
using JinanOnboard.Polarization.Calibration;
using JinanOnboard.Polarization.Geometry;
using JinanOnboard.Primitives.Wire;
using JinanOnboard.Protocol.Delivery;
using JinanOnboard.Protocol.Messages;
using JinanOnboard.Runtime.Hosting;
using JinanOnboard.Runtime.Link;
using JinanOnboard.Runtime.Messages;
using JinanOnboard.Runtime.Plan;

namespace JinanOnboard.Firmware.Tests.Polarization;

/// <summary>The OGS's responder to the payload's calibration and its half-wave plate following the pass geometry.</summary>
public sealed class OgsPolarizationComponentTests
{
    private static readonly RunPlan Plan = TestPlans.Resolve(FirmwareRole.Ground, Path.GetTempPath());

    [Fact]
    public async Task The_responder_counts_with_the_plate_prepared_and_answers_the_request_and_state()
    {
        var ogs = new MemoryOgs(new DecoderCounts(10, 20, 30, 40));
        HalfWaveFollower follower = HalfWaveFollower.ForPlan(Plan, ogs);
        var responder = new ReferenceCountResponder(ogs, follower.PrepareAsync);
        var sent = new List<OutboundMessage>();
        responder.Uplink.ConnectTo((OutboundMessage m, CancellationToken _) =>
        {
            sent.Add(m);
            return ValueTask.CompletedTask;
        });

        await responder.OnMessageAsync(new InboundMessage(Apids.Polarization, PolarizationMessageTypes.MeasureReference, new MeasureReference(3, 2, 1.0).Encode(), true), CancellationToken.None);

        Assert.Equal([0], ogs.SecondsSet); // the plate stands at the pass start's angle before the first count
        Assert.Equal((3, JinanOnboard.Polarization.Jones.Bb84State.D, 1.0), Assert.Single(ogs.Counted));
        OutboundMessage reply = Assert.Single(sent);
        Assert.True(reply.Reliable);
        Assert.Equal(new ReferenceCounts(3, 2, 10, 20, 30, 40), ReferenceCounts.Decode(reply.Body));
        Assert.Equal(1, responder.Answered);

        var result = new CalibrationResult(true, 1, 2, 1, 2, 3, 40, 41, "at the source contrast");
        await responder.OnMessageAsync(new InboundMessage(Apids.Polarization, PolarizationMessageTypes.CalibrationResult, result.Encode(), true), CancellationToken.None);
        Assert.Equal(result, ogs.Reported);
    }

    [Fact]
    public async Task A_decoder_that_cannot_count_leaves_the_request_unanswered_and_counts_at_the_ground_are_malformed()
    {
        var ogs = new MemoryOgs(null);
        var responder = new ReferenceCountResponder(ogs, _ => Task.CompletedTask);
        var sent = new List<OutboundMessage>();
        responder.Uplink.ConnectTo((OutboundMessage m, CancellationToken _) =>
        {
            sent.Add(m);
            return ValueTask.CompletedTask;
        });

        await responder.OnMessageAsync(new InboundMessage(Apids.Polarization, PolarizationMessageTypes.MeasureReference, new MeasureReference(0, 0, 1.0).Encode(), true), CancellationToken.None);
        Assert.Empty(sent);
        Assert.Equal(1, responder.Unanswered);
        await Assert.ThrowsAsync<MalformedMessageException>(async () => await responder.OnMessageAsync(
            new InboundMessage(Apids.Polarization, PolarizationMessageTypes.ReferenceCounts, new ReferenceCounts(0, 0, 1, 1, 1, 1).Encode(), true), CancellationToken.None));
    }

    [Fact]
    public async Task The_half_wave_plate_follows_the_frame_rotation_every_pass_second_to_the_end()
    {
        var ogs = new MemoryOgs(null);
        var table = PassFrameRotationTable.Build(Plan.Timeline, PolarizationSettings.From(Plan.Physics).OgsHalfWaveOffsetDegrees);
        var follower = new HalfWaveFollower(table, ogs);

        await follower.RunAsync(10, realtime: false, TimeProvider.System, CancellationToken.None);

        Assert.Equal(Enumerable.Range(0, 11), ogs.SecondsSet);
        Assert.True(ogs.Ended);
        Assert.Equal(11, ogs.Plate.Commands.Count);
        for (int s = 0; s <= 10; s++)
        {
            // The mount takes the plate's representative in [0°, 180°): the same plate as ψ/2 + offset.
            double commanded = ogs.Plate.Commands[s];
            Assert.InRange(commanded, 0, 180);
            Assert.Equal(0, Math.IEEERemainder(commanded - table.HalfWaveDegreesAt(s), 180), 9);
        }
    }
}
