using JinanOnboard.Distillation.Protocol;
using JinanOnboard.Distillation.Protocol.Messages;
using JinanOnboard.Distillation.Tests.Protocol.TestSupport;

namespace JinanOnboard.Distillation.Tests.Protocol;

public sealed class MessageCodecTests
{
    private static readonly HmacAuthenticator Ground = new(DistillationBench.GroundSigningKey, DistillationBench.PayloadSigningKey);
    private static readonly HmacAuthenticator Payload = new(DistillationBench.PayloadSigningKey, DistillationBench.GroundSigningKey);

    private static KeyInformationMessage SampleKeyInformation() =>
        new(7, false, [5, 6, 200, 1_000_000_000_000, 1_000_000_000_001], [0b10110], [0b00011], [0b10]);

    [Fact]
    public void Key_information_round_trips_with_delta_varint_sequences()
    {
        KeyInformationMessage original = SampleKeyInformation();
        byte[] body = original.Encode();
        KeyInformationMessage decoded = KeyInformationMessage.Decode(body);
        Assert.Equal(original.RoundIndex, decoded.RoundIndex);
        Assert.Equal(original.Sequences, decoded.Sequences);
        Assert.Equal(original.Bases, decoded.Bases);
        Assert.Equal(original.Sampled, decoded.Sampled);
        Assert.Equal(original.SampledBits, decoded.SampledBits);

        // Big-endian header: round 7, flags 0, count 5, first sequence 5.
        Assert.Equal(new byte[] { 0, 0, 0, 7, 0, 0, 0, 0, 5, 0, 0, 0, 0, 0, 0, 0, 5 }, body[..17]);

        // Gaps minus one as LEB128: 0, 193 (0xC1 0x01), ...
        Assert.Equal(new byte[] { 0x00, 0xC1, 0x01 }, body[17..20]);
    }

    [Fact]
    public void An_empty_final_round_round_trips()
    {
        var original = new KeyInformationMessage(3, true, [], [], [], []);
        KeyInformationMessage decoded = KeyInformationMessage.Decode(original.Encode());
        Assert.True(decoded.IsFinal);
        Assert.Empty(decoded.Sequences);
    }

    [Fact]
    public void Every_truncation_of_every_message_is_a_protocol_exception()
    {
        byte[][] bodies =
        [
            SampleKeyInformation().Encode(),
            new SiftResultMessage(1, false, 5, [0b10101], [0b100100]).Encode(),
            new SyndromeMessage(2, 64, 150, 5000, 9, [0xFF, 0x01], 11, 12).Encode(),
            new CommitMessage(4, true).Encode(),
        ];
        Func<byte[], object>[] decoders =
        [
            b => KeyInformationMessage.Decode(b),
            b => SiftResultMessage.Decode(b),
            b => SyndromeMessage.Decode(b),
            b => CommitMessage.Decode(b),
        ];
        for (int m = 0; m < bodies.Length; m++)
        {
            _ = decoders[m](bodies[m]);
            for (int length = 0; length < bodies[m].Length; length++)
            {
                byte[] truncated = bodies[m][..length];
                Assert.Throws<DistillationProtocolException>(() => decoders[m](truncated));
            }

            byte[] extended = [.. bodies[m], 0];
            Assert.Throws<DistillationProtocolException>(() => decoders[m](extended));
        }
    }

    [Fact]
    public void An_oversize_detection_count_is_refused_before_allocating()
    {
        byte[] body = SampleKeyInformation().Encode();
        body[5] = 0x7F; // detection count 0x7F000005
        DistillationProtocolException ex = Assert.Throws<DistillationProtocolException>(() => KeyInformationMessage.Decode(body));
        Assert.Contains("detection_count", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sampled_count_that_disagrees_with_the_bitmap_is_refused()
    {
        byte[] body = SampleKeyInformation().Encode();
        int sampledCountOffset = body.Length - 1 - 4;
        body[sampledCountOffset + 3] = 3;
        Assert.Throws<DistillationProtocolException>(() => KeyInformationMessage.Decode(body));
    }

    [Fact]
    public void A_varint_longer_than_64_bits_is_refused()
    {
        var w = new WireWriter(64);
        w.U32(0);
        w.U8(0);
        w.U32(2);
        w.U64(1);
        w.Bytes([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F]);
        Assert.Throws<DistillationProtocolException>(() => KeyInformationMessage.Decode(w.ToArray()));
    }

    [Fact]
    public void Sequence_overflow_is_refused()
    {
        var w = new WireWriter(64);
        w.U32(0);
        w.U8(0);
        w.U32(2);
        w.U64(long.MaxValue - 1);
        w.VarUInt(5);
        w.Bytes([0, 0, 0]);
        w.U32(0);
        Assert.Throws<DistillationProtocolException>(() => KeyInformationMessage.Decode(w.ToArray()));
    }

    [Fact]
    public void Sift_result_round_trips_and_rejects_intensity_three_and_dirty_padding()
    {
        var original = new SiftResultMessage(9, true, 5, [0b10101], [0b100100]);
        SiftResultMessage decoded = SiftResultMessage.Decode(original.Encode());
        Assert.Equal(original.Matched, decoded.Matched);
        Assert.Equal([0, 1, 2], Enumerable.Range(0, 3).Select(decoded.IntensityOf));

        byte[] badIntensity = new SiftResultMessage(9, true, 5, [0b10101], [0b110000]).Encode();
        Assert.Throws<DistillationProtocolException>(() => SiftResultMessage.Decode(badIntensity));

        byte[] dirtyPadding = new SiftResultMessage(9, true, 5, [0b10100101], [0b100100]).Encode();
        Assert.Throws<DistillationProtocolException>(() => SiftResultMessage.Decode(dirtyPadding));
    }

    [Fact]
    public void Syndrome_round_trips_and_rejects_a_syndrome_longer_than_the_packet()
    {
        var original = new SyndromeMessage(2, 64, 150, 5000, 9, [0xFF, 0x01], 0x0102030405060708, 0xA0A0A0A0A0A0A0A0);
        SyndromeMessage decoded = SyndromeMessage.Decode(original.Encode());
        Assert.Equal(original with { Syndrome = decoded.Syndrome }, decoded);
        Assert.Equal(original.Syndrome, decoded.Syndrome);

        byte[] tooLong = (original with { SyndromeBits = 65, Syndrome = new byte[9] }).Encode();
        Assert.Throws<DistillationProtocolException>(() => SyndromeMessage.Decode(tooLong));
    }

    [Fact]
    public void Pa_instruction_round_trips_under_its_signature_and_a_flipped_bit_fails_verification()
    {
        // n = 30, ℓ = 8: the seed is 30 + 8 − 1 = 37 bits, 5 bytes with 5 bits used in the last.
        var original = new PaInstructionMessage(3, [0, 1, 4], [10, 5, 1, 9, 4, 1], [1, 1, 0, 0, 1, 1], 20, 8, [0xAB, 0, 0, 0, 0x1F]);
        byte[] body = original.Encode(Ground);

        // The ground's own key does not verify its signature: each side verifies the other's.
        Assert.False(SignedBody.TryVerify(body, Ground, "PA instruction", out _));
        Assert.True(SignedBody.TryVerify(body, Payload, "PA instruction", out ReadOnlySpan<byte> signed));
        PaInstructionMessage decoded = PaInstructionMessage.Decode(signed);
        Assert.Equal(original.PacketIds, decoded.PacketIds);
        Assert.Equal(original.Detections, decoded.Detections);
        Assert.Equal(original.Errors, decoded.Errors);
        Assert.Equal(original.Seed, decoded.Seed);
        Assert.Equal(20, decoded.LambdaEcBits);
        Assert.Equal(8, decoded.KeyBits);

        for (int i = 0; i < body.Length; i += 7)
        {
            byte[] flipped = (byte[])body.Clone();
            flipped[i] ^= 0x40;
            Assert.False(SignedBody.TryVerify(flipped, Payload, "PA instruction", out _));
        }
    }

    [Fact]
    public void Pa_instruction_with_errors_above_detections_or_a_wrong_seed_length_is_refused()
    {
        var errorsAbove = new PaInstructionMessage(3, [0], [10, 5, 1, 9, 4, 1], [11, 0, 0, 0, 0, 0], 20, 8, new byte[5]);
        byte[] body = errorsAbove.Encode(Ground);
        Assert.Throws<DistillationProtocolException>(() => PaInstructionMessage.Decode(body.AsSpan(0, body.Length - 32)));

        var shortSeed = new PaInstructionMessage(3, [0], [10, 5, 1, 9, 4, 1], [1, 0, 0, 0, 0, 0], 20, 8, new byte[4]);
        body = shortSeed.Encode(Ground);
        Assert.Throws<DistillationProtocolException>(() => PaInstructionMessage.Decode(body.AsSpan(0, body.Length - 32)));

        var decreasingPackets = new PaInstructionMessage(3, [2, 1], [10, 5, 1, 9, 4, 1], [1, 0, 0, 0, 0, 0], 20, 8, new byte[5]);
        body = decreasingPackets.Encode(Ground);
        Assert.Throws<DistillationProtocolException>(() => PaInstructionMessage.Decode(body.AsSpan(0, body.Length - 32)));
    }

    [Fact]
    public void Feedback_round_trips_and_unknown_status_is_refused()
    {
        var original = new FeedbackMessage(12, FeedbackStatus.KeyGenerated, 81217, 0xDEADBEEF_01234567);
        byte[] body = original.Encode(Ground);
        Assert.Equal(original, FeedbackMessage.Decode(body.AsSpan(0, body.Length - 32)));

        byte[] unknown = (byte[])body.Clone();
        unknown[4] = 9;
        Assert.Throws<DistillationProtocolException>(() => FeedbackMessage.Decode(unknown.AsSpan(0, unknown.Length - 32)));
    }

    [Fact]
    public void A_signed_body_shorter_than_a_signature_is_malformed()
    {
        Assert.Throws<DistillationProtocolException>(() => SignedBody.TryVerify(new byte[10], Ground, "feedback", out _));
    }

    [Fact]
    public async Task Distillers_reject_message_types_meant_for_the_other_side()
    {
        var bench = new DistillationBench(SharedPass.Options, SharedPass.Store);
        await Assert.ThrowsAsync<DistillationProtocolException>(async () => await bench.Ground.HandleAsync(DistillationMessageType.KeyInformation, new byte[4]));
        await Assert.ThrowsAsync<DistillationProtocolException>(async () => await bench.Payload.HandleAsync(DistillationMessageType.Syndrome, new byte[4]));
        await Assert.ThrowsAsync<DistillationProtocolException>(async () => await bench.Payload.HandleAsync(DistillationMessageType.KeyInformation, new byte[3]));
    }

    [Fact]
    public async Task Random_garbage_only_ever_raises_protocol_exceptions()
    {
        var bench = new DistillationBench(SharedPass.Options, SharedPass.Store);
        var random = new Random(5);
        DistillationMessageType[] toPayload = [DistillationMessageType.KeyInformation, DistillationMessageType.PaInstruction, DistillationMessageType.Commit];
        DistillationMessageType[] toGround = [DistillationMessageType.SiftResult, DistillationMessageType.Syndrome, DistillationMessageType.Feedback];
        for (int i = 0; i < 600; i++)
        {
            var body = new byte[random.Next(0, 80)];
            random.NextBytes(body);
            try
            {
                if (i % 2 == 0)
                {
                    await bench.Payload.HandleAsync(toPayload[i % 3], body);
                }
                else
                {
                    await bench.Ground.HandleAsync(toGround[i % 3], body);
                }
            }
            catch (DistillationProtocolException)
            {
            }
        }

        Assert.Empty(bench.GroundKeys.Keys);
        Assert.Empty(bench.PayloadKeys.Keys);
    }
}
