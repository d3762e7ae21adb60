using JinanOnboard.Distillation.Exchange;
using JinanOnboard.Distillation.Exchange.Messages;
using JinanOnboard.Distillation.Sifting;
using JinanOnboard.Primitives.Wire;
using JinanOnboard.Protocol.Delivery;
using JinanOnboard.Runtime.Distillation;
using JinanOnboard.Runtime.Messages;

namespace JinanOnboard.Protocol.Fuzz.Targets;

/// <summary>
/// <c>messages</c>: every message body decoder a reassembled message reaches. Input: byte 0 picks the decoder
/// (modulo their number, in the order of <see cref="Decoders"/>), the rest is the body. The two signed distillation
/// bodies (PA instruction, feedback) are signed with the harness key after mutation and go through
/// <see cref="SignedBody.TryVerify"/> first, as the distillers take them. Accepted when the body decodes; the one
/// documented rejection is <see cref="MalformedMessageException"/>.
/// </summary>
public sealed class MessagesTarget : FuzzTarget
{
    /// <summary>The plan this end compares a peer's AGREEMENT with (two entries, so the comparison has work to do).</summary>
    private static readonly KeyValuePair<string, string>[] Plan = [new("config", "default"), new("seed", "42")];

    private static readonly IMessageAuthenticator Authenticator = new Ed25519MessageAuthenticator(HarnessLink.Peer, HarnessLink.Peer.PublicKey);

    private delegate bool Decoder(ReadOnlySpan<byte> body);

    /// <summary>Decoders in input order: the link's handshake bodies, the runtime's session messages, then distillation.</summary>
    private static readonly (string Name, Decoder Decode)[] Decoders =
    [
        ("hello", body => new Handshake(HarnessLink.OwnSession, isPayload: true, []).TryAcceptHello(body, HarnessLink.PeerSession, out _)),
        ("agreement", body => new Handshake(HarnessLink.OwnSession, isPayload: true, Plan).TryReceiveAgreement(body, out _)),
        ("ack", body =>
        {
            if (!AckPayload.TryRead(body, out _, out _, out ReadOnlySpan<byte> ranges))
            {
                return false;
            }

            for (int i = 0; i < ranges.Length / AckPayload.RangeLength; i++)
            {
                AckPayload.ReadRange(ranges, i);
            }

            return true;
        }),
        ("pass-start", body => PassStart.Decode(body) is not null),
        ("pass-complete", body => PassComplete.Decode(body) is not null),
        ("summary", body => SessionSummary.Decode(body) is not null),
        ("housekeeping", body => Housekeeping.Decode(body) is not null),
        ("sync-word-batch", body => SyncWordBatch.Decode(body) is not null),
        ("key-information", body => KeyInformationMessage.Decode(body) is not null),
        ("sift-result", body => SiftResultMessage.Decode(body) is not null),
        ("syndrome", body => SyndromeMessage.Decode(body) is not null),
        ("pa-instruction", body => Signed(body, "PA instruction", signed => PaInstructionMessage.Decode(signed) is not null)),
        ("feedback", body => Signed(body, "feedback", signed => FeedbackMessage.Decode(signed) is not null)),
        ("commit", body => CommitMessage.Decode(body) is not null),
        ("settle-query", body => SettleQueryMessage.Decode(body) is not null),
        ("settlement", body => SettlementMessage.Decode(body) is not null),
    ];

    public override string Name => "messages";

    protected override bool Execute(ReadOnlySpan<byte> input)
        => !input.IsEmpty && Decoders[input[0] % Decoders.Length].Decode(input[1..]);

    protected override bool IsDocumentedRejection(Exception exception) => exception is MalformedMessageException;

    public override IEnumerable<(string Name, byte[] Input)> Seeds()
    {
        byte[] sampled = Bits(3, 1);
        byte[] matched = Bits(3, 0, 2);
        byte[] intensities = Bits(4, 0, 3); // matched pulse 0: intensity 1, matched pulse 1: intensity 2
        var bodies = new Dictionary<string, byte[]>
        {
            ["hello"] = HarnessLink.GroundHello(),
            ["agreement"] = PlanAgreement.Encode(Plan),
            ["ack"] = AckBody(),
            ["pass-start"] = new PassStart(7, 300.0, 42).Encode(),
            ["pass-complete"] = new PassComplete(1000, 299.5).Encode(),
            ["summary"] = SessionSummary.Encode(SessionSummary.RequiredCounters.ToDictionary(name => name, object (name) => 3UL)),
            ["housekeeping"] = new Housekeeping(0, 1_000_000, [new("temperature_c", 21.5), new("laser_power_mw", 3.0)]).Encode(),
            ["sync-word-batch"] = new SyncWordBatch(100, [1_000_000, 2_000_000, 3_000_001, 3_999_999]).Encode(),
            ["key-information"] = KeyInformationMessage.Encode(3, isFinal: false, [10, 12, 40], Bits(3, 0, 2), sampled, Bits(1, 0)),
            ["sift-result"] = new SiftResultMessage(3, false, 3, matched, intensities).Encode(),
            ["syndrome"] = new SyndromeMessage(1, 64, 0, 20_000, 16, [0xA5, 0x5A], 0x0123_4567_89AB_CDEF, 0xFEDC_BA98_7654_3210).Encode(),
            ["pa-instruction"] = Unsigned(PaInstruction().Encode(Authenticator)),
            ["feedback"] = Unsigned(new FeedbackMessage(4, FeedbackStatus.KeyGenerated, 64, 0xDEAD_BEEF).Encode(Authenticator)),
            ["commit"] = new CommitMessage(4, Commit: true).Encode(),
            ["settle-query"] = new SettleQueryMessage([new PendingKeyName("pass-7", 4), new PendingKeyName("pass-8", 1)]).Encode(),
            ["settlement"] = new SettlementMessage([(new PendingKeyName("pass-7", 4), SettlementDecision.Stored)]).Encode(),
        };

        for (int i = 0; i < Decoders.Length; i++)
        {
            yield return ($"valid-{i:D2}-{Decoders[i].Name}", [(byte)i, .. bodies[Decoders[i].Name]]);
        }

        yield return ("truncated-pa-instruction", [(byte)Array.FindIndex(Decoders, d => d.Name == "pa-instruction"), 0, 0, 0]);
    }

    /// <summary>
    /// Signs <paramref name="signedPart"/> with the peer key, then verifies and decodes as the receiving distiller
    /// does, so a mutated body is judged by its decoder, not stopped at the signature.
    /// </summary>
    private static bool Signed(ReadOnlySpan<byte> signedPart, string message, Decoder decode)
    {
        byte[] body = SignedBody.Append(signedPart, Authenticator);
        if (!SignedBody.TryVerify(body, Authenticator, message, out ReadOnlySpan<byte> verified))
        {
            throw new InvalidOperationException($"The harness's own {message} signature does not verify.");
        }

        return decode(verified);
    }

    /// <summary>The signed part of a signed body: the input holds only that; the harness signs it after mutation.</summary>
    private static byte[] Unsigned(byte[] body) => body[..^Authenticator.SignatureLength];

    private static PaInstructionMessage PaInstruction()
    {
        long[] detections = [8, 8, 8, 8, 8, 8];
        long[] errors = [1, 0, 0, 1, 0, 0];
        const long keyBits = 4;
        long seedBits = detections.Sum() + keyBits - 1;
        return new PaInstructionMessage(4, [1, 2], detections, errors, 10, keyBits, new byte[PackedBits.ByteCount(seedBits)]);
    }

    private static byte[] AckBody()
    {
        byte[] body = new byte[AckPayload.FixedLength + (2 * AckPayload.RangeLength)];
        return body[..AckPayload.Write(body, 3, 1, [(5u, 6u), (9u, 12u)])];
    }

    /// <summary><paramref name="bits"/> packed bits with the given ones set.</summary>
    private static byte[] Bits(long bits, params int[] ones)
    {
        byte[] packed = new byte[PackedBits.ByteCount(bits)];
        foreach (int i in ones)
        {
            PackedBits.Set(packed, i, 1);
        }

        return packed;
    }
}
