using JinanOnboard.Polarization.Calibration;
using JinanOnboard.Polarization.Jones;
using JinanOnboard.Protocol.Delivery;
using JinanOnboard.Protocol.Messages;
using JinanOnboard.Primitives.Wire;
using JinanOnboard.Runtime.Link;
using JinanOnboard.Runtime.Messages;
using JinanOnboard.Runtime.Ports;

namespace JinanOnboard.Ground.Components.Polarization;

/// <summary>
/// The OGS's side of the compensator calibration (protocol-spec/polarization-calibration.md): on the payload's
/// "measure reference", counts the state at the decoder over the dwell (with the half-wave plate at the pass start's
/// angle, <paramref name="platePrepared"/>) and answers with the four counts; keeps the payload's calibration result.
/// </summary>
/// <param name="hardware">The decoder and the half-wave plate.</param>
/// <param name="platePrepared">Completes once the half-wave plate stands where the calibration assumes it.</param>
public sealed class ReferenceCountResponder(IOgsPolarizationHardware hardware, Func<CancellationToken, Task> platePrepared)
{
    private long _answered;
    private long _unanswered;

    /// <summary>Output: polarization messages for the link.</summary>
    public AsyncOutputPort<OutboundMessage> Uplink { get; } = new("reference-count-responder.out", PortMultiplicity.One);

    /// <summary>The payload's calibration result, once received.</summary>
    public CalibrationResult? PayloadResult { get; private set; }

    /// <summary>Measurements answered.</summary>
    public long Answered => Interlocked.Read(ref _answered);

    /// <summary>Measurements the decoder could not count (not answered).</summary>
    public long Unanswered => Interlocked.Read(ref _unanswered);

    /// <summary>Input: polarization messages from the payload.</summary>
    public async ValueTask OnMessageAsync(InboundMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        switch (message.Type)
        {
            case PolarizationMessageTypes.MeasureReference:
                MeasureReference measure = MeasureReference.Decode(message.Data);
                await platePrepared(cancellationToken);
                DecoderCounts? counts = await hardware.CountReferenceAsync(measure.Request, (Bb84State)measure.State, measure.DwellS, cancellationToken);
                if (counts is not { } c)
                {
                    Interlocked.Increment(ref _unanswered);
                    return;
                }

                var reply = new ReferenceCounts(measure.Request, measure.State, (ulong)c.H, (ulong)c.V, (ulong)c.D, (ulong)c.A);
                await Uplink.InvokeAsync(new OutboundMessage(Apids.Polarization, PolarizationMessageTypes.ReferenceCounts, reply.Encode(), Reliable: true), cancellationToken);
                Interlocked.Increment(ref _answered);
                return;
            case PolarizationMessageTypes.CalibrationResult:
                PayloadResult = CalibrationResult.Decode(message.Data);
                hardware.OnCalibrationReported(PayloadResult);
                return;
            default:
                throw new MalformedMessageException($"polarization: unexpected type {message.Type} at the ground");
        }
    }
}
