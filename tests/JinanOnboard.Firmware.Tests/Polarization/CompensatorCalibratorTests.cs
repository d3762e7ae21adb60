using JinanOnboard.Firmware.Tests.Harness;
using JinanOnboard.Payload.Components.Polarization;
using JinanOnboard.Polarization;
using JinanOnboard.Polarization.Errors;
using JinanOnboard.Polarization.Geometry;
using JinanOnboard.Polarization.Jones;
using JinanOnboard.PolarizationBench;
using JinanOnboard.Primitives.Wire;
using JinanOnboard.Protocol.Delivery;
using JinanOnboard.Protocol.Messages;
using JinanOnboard.Runtime.Hosting;
using JinanOnboard.Runtime.Link;
using JinanOnboard.Runtime.Messages;
using JinanOnboard.Runtime.Plan;
using Microsoft.Extensions.Time.Testing;

namespace JinanOnboard.Firmware.Tests.Polarization;

/// <summary>The payload's calibration state machine against an OGS that counts through a known channel (protocol-spec/polarization-calibration.md).</summary>
public sealed class CompensatorCalibratorTests
{
    private static readonly RunPlan Plan = TestPlans.Resolve(FirmwareRole.Payload, Path.GetTempPath());

    [Fact]
    public async Task Counts_over_the_link_set_the_plates_to_above_25_dB_and_the_result_goes_to_the_ogs_before_key_mode()
    {
        var settings = PolarizationSettings.From(Plan.Physics);
        var table = PassFrameRotationTable.Build(Plan.Timeline, settings.OgsHalfWaveOffsetDegrees);
        var fibre = new SingleModeFibre(7, settings.FibreDriftRadPerKelvin, settings.FibreTemperatureChangeKelvin, 300);
        var decoder = new SimulatedDecoder(7, settings.CalibrationDetectionsPerState, settings.DarkCountsPerS * settings.CalibrationStepS, settings.SourceContrastDb);
        var hardware = new MemoryCompensator();
        var calibrator = new CompensatorCalibrator(settings, table, hardware, TimeProvider.System);
        JonesMatrix Channel() => table.FreeSpaceJones(0, table.HalfWaveDegreesAt(0)) * hardware.Plates.ToJones() * fibre.At(0);

        var sent = new List<OutboundMessage>();
        calibrator.Downlink.ConnectTo(async (OutboundMessage message, CancellationToken ct) =>
        {
            sent.Add(message);
            if (message.Type == PolarizationMessageTypes.MeasureReference)
            {
                // The OGS: count the state through the channel as the plates stand now, and answer.
                MeasureReference measure = MeasureReference.Decode(message.Body);
                var c = decoder.Count((Bb84State)measure.State, Channel());
                var reply = new ReferenceCounts(measure.Request, measure.State, (ulong)c.H, (ulong)c.V, (ulong)c.D, (ulong)c.A);
                await calibrator.OnMessageAsync(new InboundMessage(Apids.Polarization, PolarizationMessageTypes.ReferenceCounts, reply.Encode(), true), ct);
            }
        });

        PayloadCalibrationReport report = await calibrator.RunAsync(CancellationToken.None);

        Assert.True(report.Succeeded, report.Reason);
        BasisErrors truth = PolarizationErrorModel.Of(Channel());
        Assert.True(truth.MinContrastDb >= 25, $"contrast reached {truth.ZContrastDb:F1} / {truth.XContrastDb:F1} dB");
        Assert.Equal(report.Requests, hardware.Emitted.Count);
        Assert.Equal(Enumerable.Range(0, report.Requests), hardware.Emitted.Select(e => e.Request));
        Assert.True(report.Rounds >= 2 && report.Requests == 4 * report.Rounds);
        Assert.Equal(1, hardware.KeyModeSwitches);
        Assert.All(sent, m => Assert.True(m.Reliable && m.Apid == Apids.Polarization));
        CalibrationResult result = CalibrationResult.Decode(sent[^1].Body);
        Assert.Equal(PolarizationMessageTypes.CalibrationResult, sent[^1].Type);
        Assert.True(result.Succeeded);
        Assert.Equal(hardware.Plates.HalfWaveDegrees, result.HalfWaveDeg);
        Assert.True(result.ContrastZDb >= 25 && result.ContrastXDb >= 25);
        Assert.Contains(calibrator.Housekeeping(), kv => kv.Key == "pol_calibrated" && kv.Value == 1);
    }

    [Fact]
    public async Task No_counts_within_the_timeout_fail_the_calibration_and_the_pass_goes_on_in_key_mode()
    {
        var time = new FakeTimeProvider();
        var hardware = new MemoryCompensator();
        CompensatorCalibrator calibrator = CompensatorCalibrator.ForPlan(Plan, hardware, time);
        var sent = new List<OutboundMessage>();
        var measured = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        calibrator.Downlink.ConnectTo((OutboundMessage message, CancellationToken _) =>
        {
            sent.Add(message);
            measured.TrySetResult(); // the OGS never answers
            return ValueTask.CompletedTask;
        });

        Task<PayloadCalibrationReport> run = calibrator.RunAsync(CancellationToken.None);
        await measured.Task.WaitAsync(TimeSpan.FromSeconds(10));
        // A late answer for another request is ignored, not taken for this one.
        await calibrator.OnMessageAsync(new InboundMessage(Apids.Polarization, PolarizationMessageTypes.ReferenceCounts, new ReferenceCounts(9, 0, 1, 1, 1, 1).Encode(), true), CancellationToken.None);
        Assert.False(run.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(PolarizationSettings.From(Plan.Physics).CalibrationStepS) + CompensatorCalibrator.CountsSlack);
        PayloadCalibrationReport report = await run.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.False(report.Succeeded);
        Assert.StartsWith("no counts for request 0 (state H)", report.Reason, StringComparison.Ordinal);
        Assert.Equal(1, hardware.KeyModeSwitches);
        CalibrationResult result = CalibrationResult.Decode(sent[^1].Body);
        Assert.False(result.Succeeded);
        Assert.True(double.IsNaN(result.ContrastZDb));
    }

    [Fact]
    public async Task A_message_type_other_than_reference_counts_is_malformed_at_the_payload()
    {
        CompensatorCalibrator calibrator = CompensatorCalibrator.ForPlan(Plan, new MemoryCompensator(), TimeProvider.System);
        await Assert.ThrowsAsync<MalformedMessageException>(async () => await calibrator.OnMessageAsync(
            new InboundMessage(Apids.Polarization, PolarizationMessageTypes.MeasureReference, new MeasureReference(0, 0, 1).Encode(), true), CancellationToken.None));
    }
}
