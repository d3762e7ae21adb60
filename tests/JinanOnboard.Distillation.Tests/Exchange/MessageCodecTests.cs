using System.Buffers;
using CsCheck;
using JinanOnboard.Distillation.Exchange;
using JinanOnboard.Distillation.Exchange.Messages;
using JinanOnboard.Distillation.Tests.Exchange.TestSupport;
using JinanOnboard.Primitives.Wire;

namespace JinanOnboard.Distillation.Tests.Exchange;

public sealed class MessageCodecTests
{
    private static readonly HmacAuthenticator Ground = new(DistillationBench.GroundSigningKey, DistillationBench.PayloadSigningKey);
    private static readonly HmacAuthenticator Payload = new(DistillationBench.PayloadSigningKey, DistillationBench.GroundSigningKey);

    private static KeyInformationMessage SampleKeyInformation() =>
        new(7, false, [5, 6, 200, 1_000_000_000_000, 1_000_000_000_001], [0b10110], [0b00011], [0b10]);

    [Fact]
    public void Key_information_round_trips_with_rice_coded_sequence_gaps_as_in_the_spec_example()
    {
        KeyInformationMessage original = SampleKeyInformation();
        byte[] body = original.Encode();
        KeyInformationMessage decoded = KeyInformationMessage.Decode(body);
        Assert.Equal(original.RoundIndex, decoded.RoundIndex);
        Assert.Equal(original.Sequences, decoded.Sequences);
        Assert.Equal(original.Bases, decoded.Bases);
        Assert.Equal(original.Sampled, decoded.Sampled);
        Assert.Equal(original.SampledBits, decoded.SampledBits);

        // Big-endian header: round 7, flags 0, count 5, first sequence 5; then rice_k = 37.
        Assert.Equal(new byte[] { 0, 0, 0, 7, 0, 0, 0, 0, 5, 0, 0, 0, 0, 0, 0, 0, 5, 37 }, body[..18]);

        // Gap 0 is bits 0-37; gap 193 is its zero-bit at 38 and 193 in bits 39-75 (protocol-spec example).
        Assert.Equal(new byte[] { 0x00, 0x00, 0x00, 0x00, 0x80, 0x60 }, body[18..24]);

        // 159 bits → 20 bytes of gaps, then bases, sampled, sampled_count and sampled_bits (1 + 1 + 4 + 1).
        Assert.Equal(18 + 20 + 7, body.Length);
    }

    [Fact]
    public void Geometric_gaps_cost_under_17_bits_per_detection()
    {
        // The default pass: ~21 000 pulses between detections, nearly geometric.
        var random = new Random(5);
        long[] sequences = new long[65_536];
        for (int i = 1; i < sequences.Length; i++)
        {
            sequences[i] = sequences[i - 1] + 1 + (long)(Math.Log(1 - random.NextDouble()) / Math.Log(1 - (1.0 / 21_000)));
        }

        byte[] packed = new byte[sequences.Length / 8];
        byte[] body = new KeyInformationMessage(0, false, sequences, packed, packed, []).Encode();
        double gapBits = (body.Length - 18 - (2 * packed.Length) - 4) * 8.0 / (sequences.Length - 1);
        Assert.InRange(gapBits, 15.5, 17.0);
        Assert.Equal(sequences, KeyInformationMessage.Decode(body).Sequences);
    }

    [Fact]
    public void Any_increasing_sequences_round_trip_and_every_truncation_is_refused()
    {
        // Gap sizes from 0 to 2^50 mixed, so k spans 0..~50 and code words straddle the 64-bit window.
        Gen<long[]> sequences = Gen.Select(Gen.Long[0, 1L << 40], Gen.Int[0, 50].SelectMany(bits => Gen.Long[0, (1L << bits) - 1]).Array[0, 300],
            (first, gaps) =>
            {
                long[] result = new long[gaps.Length + 1];
                result[0] = first;
                for (int i = 0; i < gaps.Length; i++)
                {
                    result[i + 1] = result[i] + gaps[i] + 1;
                }

                return result;
            });

        sequences.Sample(values =>
        {
            byte[] packed = new byte[(values.Length + 7) / 8];
            byte[] body = new KeyInformationMessage(1, false, values, packed, packed, []).Encode();
            Assert.Equal(values, KeyInformationMessage.Decode(body).Sequences);
            for (int length = 0; length < body.Length; length += Math.Max(1, body.Length / 16))
            {
                Assert.Throws<MalformedMessageException>(() => KeyInformationMessage.Decode(body.AsSpan(0, length)));
            }
        }, iter: 300);
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
    public void Every_truncation_of_every_message_is_malformed()
    {
        byte[][] bodies =
        [
            SampleKeyInformation().Encode(),
            new SiftResultMessage(1, false, 5, [0b10101], [0b100100]).Encode(),
            new SyndromeMessage(2, 64, 150, 5000, 9, [0xFF, 0x01], 11, 12).Encode(),
            new CommitMessage(4, true).Encode(),
            new SettleQueryMessage([new PendingKeyName("pass-7", 3), new PendingKeyName("pass-8", 0)]).Encode(),
            new SettlementMessage([(new PendingKeyName("pass-7", 3), SettlementDecision.Stored)]).Encode(),
        ];
        Func<byte[], object>[] decoders =
        [
            b => KeyInformationMessage.Decode(b),
            b => SiftResultMessage.Decode(b),
            b => SyndromeMessage.Decode(b),
            b => CommitMessage.Decode(b),
            b => SettleQueryMessage.Decode(b),
            b => SettlementMessage.Decode(b),
        ];
        for (int m = 0; m < bodies.Length; m++)
        {
            _ = decoders[m](bodies[m]);
            for (int length = 0; length < bodies[m].Length; length++)
            {
                byte[] truncated = bodies[m][..length];
                Assert.Throws<MalformedMessageException>(() => decoders[m](truncated));
            }

            byte[] extended = [.. bodies[m], 0];
            Assert.Throws<MalformedMessageException>(() => decoders[m](extended));
        }
    }

    [Fact]
    public void An_oversize_detection_count_is_refused_before_allocating()
    {
        byte[] body = SampleKeyInformation().Encode();
        body[5] = 0x7F; // detection count 0x7F000005
        MalformedMessageException ex = Assert.Throws<MalformedMessageException>(() => KeyInformationMessage.Decode(body));
        Assert.Contains("detection_count", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sampled_count_that_disagrees_with_the_bitmap_is_refused()
    {
        byte[] body = SampleKeyInformation().Encode();
        int sampledCountOffset = body.Length - 1 - 4;
        body[sampledCountOffset + 3] = 3;
        Assert.Throws<MalformedMessageException>(() => KeyInformationMessage.Decode(body));
    }

    [Theory]
    [InlineData(new byte[] { 57, 0, 0, 0, 0, 0, 0 }, "rice_k")] // k above 56
    [InlineData(new byte[] { 0, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF }, "sequence gaps truncated")] // unary never ends
    [InlineData(new byte[] { 8, 0x00 }, "sequence gaps truncated")] // k = 8: the first gap alone needs 9 bits
    [InlineData(new byte[] { 0, 0x04, 0, 0, 0, 0, 0, 0 }, "padding")] // gaps 0, 0 in bits 0-1, then a set padding bit
    public void Malformed_sequence_gaps_are_refused(byte[] afterFirstSequence, string reason)
    {
        // Three detections from sequence 1; the bytes after first_sequence are rice_k, the gap field
        // and, where given, the bitmaps and sampled_count.
        var buffer = new ArrayBufferWriter<byte>();
        var w = new WireWriter(buffer);
        w.U32(0);
        w.U8(0);
        w.U32(3);
        w.U64(1);
        w.Bytes(afterFirstSequence);
        MalformedMessageException ex = Assert.Throws<MalformedMessageException>(() => KeyInformationMessage.Decode(buffer.WrittenSpan.ToArray()));
        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sequence_overflow_is_refused()
    {
        // k = 0, gap 1 as unary "10" after first_sequence 2^63 − 2: the next sequence would be 2^63.
        var buffer = new ArrayBufferWriter<byte>();
        var w = new WireWriter(buffer);
        w.U32(0);
        w.U8(0);
        w.U32(2);
        w.U64(long.MaxValue - 1);
        w.U8(0);
        w.U8(0b01);
        w.Bytes([0, 0]);
        w.U32(0);
        MalformedMessageException ex = Assert.Throws<MalformedMessageException>(() => KeyInformationMessage.Decode(buffer.WrittenSpan.ToArray()));
        Assert.Contains("overflows", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sift_result_round_trips_and_rejects_intensity_three_and_dirty_padding()
    {
        var original = new SiftResultMessage(9, true, 5, [0b10101], [0b100100]);
        SiftResultMessage decoded = SiftResultMessage.Decode(original.Encode());
        Assert.Equal(original.Matched, decoded.Matched);
        Assert.Equal([0, 1, 2], Enumerable.Range(0, 3).Select(decoded.IntensityOf));

        byte[] badIntensity = new SiftResultMessage(9, true, 5, [0b10101], [0b110000]).Encode();
        Assert.Throws<MalformedMessageException>(() => SiftResultMessage.Decode(badIntensity));

        byte[] dirtyPadding = new SiftResultMessage(9, true, 5, [0b10100101], [0b100100]).Encode();
        Assert.Throws<MalformedMessageException>(() => SiftResultMessage.Decode(dirtyPadding));
    }

    [Fact]
    public void Syndrome_round_trips_and_rejects_a_syndrome_longer_than_the_packet()
    {
        var original = new SyndromeMessage(2, 64, 150, 5000, 9, [0xFF, 0x01], 0x0102030405060708, 0xA0A0A0A0A0A0A0A0);
        SyndromeMessage decoded = SyndromeMessage.Decode(original.Encode());
        Assert.Equal(original with { Syndrome = decoded.Syndrome }, decoded);
        Assert.Equal(original.Syndrome, decoded.Syndrome);

        byte[] tooLong = (original with { SyndromeBits = 65, Syndrome = new byte[9] }).Encode();
        Assert.Throws<MalformedMessageException>(() => SyndromeMessage.Decode(tooLong));
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
        Assert.Throws<MalformedMessageException>(() => PaInstructionMessage.Decode(body.AsSpan(0, body.Length - 32)));

        var shortSeed = new PaInstructionMessage(3, [0], [10, 5, 1, 9, 4, 1], [1, 0, 0, 0, 0, 0], 20, 8, new byte[4]);
        body = shortSeed.Encode(Ground);
        Assert.Throws<MalformedMessageException>(() => PaInstructionMessage.Decode(body.AsSpan(0, body.Length - 32)));

        var decreasingPackets = new PaInstructionMessage(3, [2, 1], [10, 5, 1, 9, 4, 1], [1, 0, 0, 0, 0, 0], 20, 8, new byte[5]);
        body = decreasingPackets.Encode(Ground);
        Assert.Throws<MalformedMessageException>(() => PaInstructionMessage.Decode(body.AsSpan(0, body.Length - 32)));
    }

    [Fact]
    public void Feedback_round_trips_and_unknown_status_is_refused()
    {
        var original = new FeedbackMessage(12, FeedbackStatus.KeyGenerated, 81217, 0xDEADBEEF_01234567);
        byte[] body = original.Encode(Ground);
        Assert.Equal(original, FeedbackMessage.Decode(body.AsSpan(0, body.Length - 32)));

        byte[] unknown = (byte[])body.Clone();
        unknown[4] = 9;
        Assert.Throws<MalformedMessageException>(() => FeedbackMessage.Decode(unknown.AsSpan(0, unknown.Length - 32)));
    }

    [Fact]
    public void A_signed_body_shorter_than_a_signature_is_malformed()
    {
        Assert.Throws<MalformedMessageException>(() => SignedBody.TryVerify(new byte[10], Ground, "feedback", out _));
    }

    [Fact]
    public async Task Distillers_reject_message_types_meant_for_the_other_side()
    {
        var bench = new DistillationBench(SharedPass.Options, SharedPass.Store);
        await Assert.ThrowsAsync<DistillationProtocolException>(async () => await bench.Ground.HandleAsync(DistillationMessageType.KeyInformation, new byte[4]));
        await Assert.ThrowsAsync<DistillationProtocolException>(async () => await bench.Payload.HandleAsync(DistillationMessageType.Syndrome, new byte[4]));
        await Assert.ThrowsAsync<MalformedMessageException>(async () => await bench.Payload.HandleAsync(DistillationMessageType.KeyInformation, new byte[3]));
    }

    [Fact]
    public void Settlement_messages_round_trip_and_refuse_bad_fields()
    {
        PendingKeyName[] keys = [new("pass-7", 3), new("pass-ünï", uint.MaxValue)];
        Assert.Equal(keys, SettleQueryMessage.Decode(new SettleQueryMessage(keys).Encode()).Keys);
        (PendingKeyName, SettlementDecision)[] entries =
            [(keys[0], SettlementDecision.NotStored), (keys[1], SettlementDecision.UnknownPass)];
        Assert.Equal(entries, SettlementMessage.Decode(new SettlementMessage(entries).Encode()).Entries);

        // Layout (spec §Settlement): count u16, then pass id length u8, UTF-8, block id u32 (big-endian) [, decision u8].
        Assert.Equal(
            Convert.FromHexString("0001" + "03" + "703D31" + "00000002" + "01"),
            new SettlementMessage([(new PendingKeyName("p=1", 2), SettlementDecision.Stored)]).Encode());
        Assert.Throws<MalformedMessageException>(() => SettlementMessage.Decode(Convert.FromHexString("0001" + "03" + "703D31" + "00000002" + "03")));
        Assert.Throws<MalformedMessageException>(() => SettleQueryMessage.Decode(Convert.FromHexString("0000")));
        Assert.Throws<MalformedMessageException>(() => SettleQueryMessage.Decode(Convert.FromHexString("0001" + "00" + "00000002")));
        Assert.Throws<MalformedMessageException>(() => SettleQueryMessage.Decode(Convert.FromHexString("0001" + "01" + "FF" + "00000002")));
    }

    [Fact]
    public async Task Random_garbage_only_ever_raises_malformed_or_protocol_exceptions()
    {
        var bench = new DistillationBench(SharedPass.Options, SharedPass.Store);
        var random = new Random(5);
        DistillationMessageType[] toPayload = [DistillationMessageType.KeyInformation, DistillationMessageType.PaInstruction, DistillationMessageType.Commit, DistillationMessageType.Settlement];
        DistillationMessageType[] toGround = [DistillationMessageType.SiftResult, DistillationMessageType.Syndrome, DistillationMessageType.Feedback, DistillationMessageType.SettleQuery];
        for (int i = 0; i < 600; i++)
        {
            var body = new byte[random.Next(0, 80)];
            random.NextBytes(body);
            try
            {
                if (i % 2 == 0)
                {
                    await bench.Payload.HandleAsync(toPayload[i / 2 % 4], body);
                }
                else
                {
                    await bench.Ground.HandleAsync(toGround[i / 2 % 4], body);
                }
            }
            catch (MalformedMessageException)
            {
            }
            catch (DistillationProtocolException)
            {
            }
        }

        Assert.Empty(bench.GroundKeys.Keys);
        Assert.Empty(bench.PayloadKeys.Keys);
    }
}
