using JinanOnboard.Distillation.Exchange;
using JinanOnboard.Primitives.Recording;
using JinanOnboard.Protocol.Framing;
using JinanOnboard.Protocol.Messages;
using JinanOnboard.Protocol.Replay;
using JinanOnboard.Runtime.Hosting;
using JinanOnboard.Runtime.Messages;

namespace JinanOnboard.Runtime.Replay;

/// <summary>
/// What a replay peer plays (protocol-spec/replay.md): the messages one side sent in a recorded pass, each with the
/// messages of the other (live) side that must have arrived before it may go. Built from either side's recording:
/// the recorded side's own outgoing CADUs, or the frames it received from the side to be played.
/// </summary>
public sealed class ReplayScript
{
    /// <summary>
    /// Whether a message of the live side is one the played side's later messages wait for: session control, and the
    /// distillation messages whose content the played side answers (the OGS's rounds for a played payload; a payload's sift
    /// results, syndromes, feedback and settle queries for a played ground). Telemetry, time sync and polarization are left
    /// out: the played side's recorded messages do not depend on them, and a replay ground without polarization hardware
    /// sends none. A played payload answers PA instructions as they come (<see cref="ReplayPeerTopology"/>), so neither
    /// they nor the commits after them are waited for: a ground with another PA block size sends other ones.
    /// </summary>
    public static bool IsCausal(FirmwareRole played, ushort apid, byte type) => apid switch
    {
        Apids.SessionControl => true,
        Apids.Distillation when played == FirmwareRole.Payload => type == (byte)DistillationMessageType.KeyInformation,
        Apids.Distillation => type is (byte)DistillationMessageType.SiftResult or (byte)DistillationMessageType.Syndrome
            or (byte)DistillationMessageType.Feedback or (byte)DistillationMessageType.SettleQuery,
        _ => false,
    };

    private ReplayScript(FirmwareRole played, IReadOnlyList<RecordedMessage> messages, int[] livePrefix, IReadOnlyList<(ushort Apid, byte Type)> live,
        IReadOnlyList<RecordedMessage> liveMessages, IReadOnlyList<KeyValuePair<string, string>>? agreement)
    {
        Played = played;
        Messages = messages;
        LivePrefix = livePrefix;
        LiveCausal = live;
        LiveMessages = liveMessages;
        Agreement = agreement;
    }

    /// <summary>The side the replay plays.</summary>
    public FirmwareRole Played { get; }

    /// <summary>The played side's application messages, in the order it sent them.</summary>
    public IReadOnlyList<RecordedMessage> Messages { get; }

    /// <summary>
    /// For message i: how many of <see cref="LiveCausal"/> (in order) the recorded side had sent or received before message i
    /// went or arrived. Non-decreasing.
    /// </summary>
    public IReadOnlyList<int> LivePrefix { get; }

    /// <summary>The live side's causal messages (APID and type) in the recorded order.</summary>
    public IReadOnlyList<(ushort Apid, byte Type)> LiveCausal { get; }

    /// <summary>Every message the live side sent in the recorded pass (the recorded Summary among them, for the comparison).</summary>
    public IReadOnlyList<RecordedMessage> LiveMessages { get; }

    /// <summary>The played side's plan agreement list as it sent it, when the recording holds it.</summary>
    public IReadOnlyList<KeyValuePair<string, string>>? Agreement { get; }

    /// <summary>
    /// The script of <paramref name="played"/> from a recording written by <paramref name="recordedRole"/>. For a
    /// recording of the played side itself the dependencies are exact (what it had received before sending); for a
    /// recording of the other side they are what that side had sent before receiving, a superset that still holds causality.
    /// </summary>
    /// <exception cref="InvalidDataException">The recording cannot be read.</exception>
    public static ReplayScript From(IEnumerable<RecordedUnit> units, FirmwareRole recordedRole, FirmwareRole played)
    {
        ArgumentNullException.ThrowIfNull(units);
        TapDirection playedDirection = recordedRole == played ? TapDirection.Outgoing : TapDirection.Incoming;
        var playedMessages = new RecordedLinkMessages();
        var liveMessages = new RecordedLinkMessages();
        long index = 0;
        foreach (RecordedUnit unit in units)
        {
            if (unit.Stream == "link")
            {
                // Outgoing units are CADUs (sync marker + frame), incoming ones frames (recording-seam.md).
                ReadOnlySpan<byte> frame = unit.Direction == TapDirection.Outgoing && unit.Data.Length > TransferFrameLayout.SyncMarkerLength
                    ? unit.Data.AsSpan(TransferFrameLayout.SyncMarkerLength)
                    : unit.Data;
                (unit.Direction == playedDirection ? playedMessages : liveMessages).Add(index, unit.PassTime, frame);
            }

            index++;
        }

        var live = liveMessages.Messages.Where(m => IsCausal(played, m.Apid, m.Type)).ToList();
        int[] prefix = new int[playedMessages.Messages.Count];
        int k = 0;
        for (int i = 0; i < prefix.Length; i++)
        {
            while (k < live.Count && live[k].RecordIndex < playedMessages.Messages[i].RecordIndex)
            {
                k++;
            }

            prefix[i] = k;
        }

        if (played == FirmwareRole.Payload)
        {
            HoldPassCompleteForTheLight(playedMessages.Messages, live, prefix);
        }

        return new ReplayScript(played, playedMessages.Messages, prefix, [.. live.Select(m => (m.Apid, m.Type))], liveMessages.Messages, playedMessages.Agreement);
    }

    /// <summary>
    /// A real payload says PassComplete after the pass, in time: by then the OGS has seen the pass's light. A payload played
    /// faster than recorded could say it before the OGS has read its tags (a live OGS then ends detection early or stalls),
    /// so the played PassComplete, and every message after it, also waits for every non-final round the recorded OGS sent
    /// (KeyInformation before the last). The OGS forms those from its detections alone, so causality still holds.
    /// </summary>
    private static void HoldPassCompleteForTheLight(IReadOnlyList<RecordedMessage> played, List<RecordedMessage> live, int[] prefix)
    {
        int complete = -1;
        for (int i = 0; i < played.Count && complete < 0; i++)
        {
            complete = played[i].Apid == Apids.SessionControl && played[i].Type == SessionMessageTypes.PassComplete ? i : -1;
        }

        int lastRound = live.FindLastIndex(m => m.Apid == Apids.Distillation && m.Type == (byte)DistillationMessageType.KeyInformation);
        if (complete < 0 || lastRound < 0)
        {
            return;
        }

        for (int i = complete; i < prefix.Length; i++)
        {
            prefix[i] = Math.Max(prefix[i], lastRound);
        }
    }
}
