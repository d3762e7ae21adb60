using JinanOnboard.Distillation.Exchange;
using JinanOnboard.Distillation.Exchange.Messages;
using JinanOnboard.Distillation.Tests.Exchange.TestSupport;

namespace JinanOnboard.Distillation.Tests.Exchange;

/// <summary>Issue 3 "Bad input and faults": flips abandon the block, inconsistent counts are refused, no store ever holds a key the other lacks.</summary>
public sealed class FaultTests
{
    [Fact]
    public async Task A_flipped_bit_in_the_instruction_abandons_the_block_on_both_sides()
    {
        var bench = new DistillationBench(SharedPass.Options, SharedPass.Store);
        bench.Network.Tamper = FlipOnce(DistillationMessageType.PaInstruction, body => body.Length / 2);
        await bench.RunAsync(SharedPass.Detections);

        Assert.Equal(BlockOutcome.Abandoned, bench.Ground.Statistics.Blocks[0].Outcome);
        Assert.Equal(BlockOutcome.Abandoned, bench.Payload.Statistics.Blocks[0].Outcome);
        Assert.Empty(bench.GroundKeys.Keys);
        Assert.Empty(bench.PayloadKeys.Keys);
        Assert.Equal(0, bench.Payload.PendingKeyCount);
    }

    [Fact]
    public async Task A_flipped_bit_in_the_feedback_abandons_the_block_and_the_payload_discards_its_pending_key()
    {
        var bench = new DistillationBench(SharedPass.Options, SharedPass.Store);
        bench.Network.Tamper = FlipOnce(DistillationMessageType.Feedback, _ => 6); // inside key_bits
        await bench.RunAsync(SharedPass.Detections);

        Assert.Equal(BlockOutcome.Abandoned, bench.Ground.Statistics.Blocks[0].Outcome);
        Assert.Equal(BlockOutcome.Discarded, bench.Payload.Statistics.Blocks[0].Outcome);
        Assert.Empty(bench.GroundKeys.Keys);
        Assert.Empty(bench.PayloadKeys.Keys);
        Assert.Equal(0, bench.Payload.PendingKeyCount);
    }

    [Fact]
    public async Task A_flipped_bit_in_a_syndrome_discards_that_packet_and_never_stores_a_wrong_key()
    {
        var bench = new DistillationBench(SharedPass.Options, SharedPass.Store);
        int seen = 0;
        bench.Network.Tamper = (type, body) =>
        {
            if (type != DistillationMessageType.Syndrome || seen++ != 3)
            {
                return body;
            }

            byte[] copy = (byte[])body.Clone();
            copy[20 + 100] ^= 0x10; // a syndrome bit of packet 3 (the header is 20 bytes)
            return copy;
        };
        await bench.RunAsync(SharedPass.Detections);

        PacketReport damaged = bench.Ground.Statistics.Packets[3];
        Assert.True(damaged.Outcome is PacketOutcome.DecodeFailed or PacketOutcome.VerificationFailed, damaged.Outcome.ToString());
        Assert.All(bench.Ground.Statistics.Blocks, b => Assert.DoesNotContain(3, b.PacketIds));
        Assert.All(bench.Ground.Statistics.Blocks, b => Assert.NotEqual(BlockOutcome.CrcMismatch, b.Outcome));
        bench.AssertStoresIdentical();
    }

    [Fact]
    public async Task A_syndrome_naming_an_unknown_code_gets_its_own_outcome_and_every_other_packet_decodes()
    {
        // The codec answers −1 for the id (its contract: no exception for an id from the wire); the OGS reports the packet
        // as UnknownCode, leaves it out of every block and carries on with the rest of the pass.
        var bench = new DistillationBench(SharedPass.Options, SharedPass.Store);
        int seen = 0;
        bench.Network.Tamper = (type, body) =>
            type == DistillationMessageType.Syndrome && seen++ == 3 ? (SyndromeMessage.Decode(body) with { CodeId = 999 }).Encode() : body;
        await bench.RunAsync(SharedPass.Detections);

        IReadOnlyList<PacketReport> packets = bench.Ground.Statistics.Packets;
        Assert.Equal(bench.Ground.Statistics.SiftedPackets, packets.Count);
        Assert.Equal(PacketOutcome.UnknownCode, packets[3].Outcome);
        Assert.All(packets.Where(p => p.PacketId != 3), p => Assert.Equal(PacketOutcome.Decoded, p.Outcome));
        Assert.All(bench.Ground.Statistics.Blocks, b => Assert.DoesNotContain(3, b.PacketIds));
        Assert.True(bench.Ground.IsComplete);
        Assert.NotEmpty(bench.GroundKeys.Keys);
        bench.AssertStoresIdentical();
    }

    [Fact]
    public async Task A_crc_mismatch_discards_the_block_on_both_sides()
    {
        // A payload whose amplifier flips one output bit: its key differs from the OGS key.
        var bench = new DistillationBench(SharedPass.Options, SharedPass.Store, payloadAmplifier: new OneBitWrongAmplifier());
        await bench.RunAsync(SharedPass.Detections);

        Assert.Equal(BlockOutcome.CrcMismatch, bench.Ground.Statistics.Blocks[0].Outcome);
        Assert.Equal(BlockOutcome.Discarded, bench.Payload.Statistics.Blocks[0].Outcome);
        Assert.Empty(bench.GroundKeys.Keys);
        Assert.Empty(bench.PayloadKeys.Keys);
        Assert.Equal(0, bench.Payload.PendingKeyCount);
    }

    [Theory]
    [InlineData(0)] // n of Z-signal changed: the payload's own counts disagree
    [InlineData(1)] // m of Z-decoy changed: the recomputed ℓ disagrees
    [InlineData(2)] // λ_EC understated
    public async Task A_validly_signed_instruction_with_inconsistent_counts_is_refused(int variant)
    {
        var bench = new DistillationBench(SharedPass.Options, SharedPass.Store);
        bool done = false;
        bench.Network.Tamper = (type, body) =>
        {
            if (type != DistillationMessageType.PaInstruction || done)
            {
                return body;
            }

            done = true;
            PaInstructionMessage original = PaInstructionMessage.Decode(body.AsSpan(0, body.Length - bench.GroundAuthenticator.SignatureLength));
            long[] n = (long[])original.Detections.Clone();
            long[] m = (long[])original.Errors.Clone();
            long lambda = original.LambdaEcBits;
            switch (variant)
            {
                case 0:
                    n[0] += 1;
                    break;
                case 1:
                    m[1] += 40;
                    break;
                default:
                    lambda -= 1000;
                    break;
            }

            long seedBits = n.Sum() + original.KeyBits - 1;
            var forged = original with { Detections = n, Errors = m, LambdaEcBits = lambda, Seed = new byte[(seedBits + 7) / 8] };
            return forged.Encode(bench.GroundAuthenticator);
        };
        await bench.RunAsync(SharedPass.Detections);

        Assert.Equal(BlockOutcome.Refused, bench.Payload.Statistics.Blocks[0].Outcome);
        Assert.Equal(BlockOutcome.Refused, bench.Ground.Statistics.Blocks[0].Outcome);
        Assert.NotNull(bench.Payload.LastRefusal);
        Assert.Empty(bench.GroundKeys.Keys);
        Assert.Empty(bench.PayloadKeys.Keys);
    }

    private sealed class OneBitWrongAmplifier : IPrivacyAmplifier
    {
        public void Apply(ReadOnlySpan<byte> seed, ReadOnlySpan<byte> input, int inputBits, Span<byte> output, int outputBits)
        {
            ToeplitzPrivacyAmplifier.Instance.Apply(seed, input, inputBits, output, outputBits);
            output[0] ^= 1;
        }
    }

    private static Func<DistillationMessageType, byte[], byte[]> FlipOnce(DistillationMessageType target, Func<byte[], int> offset)
    {
        bool done = false;
        return (type, body) =>
        {
            if (type != target || done)
            {
                return body;
            }

            done = true;
            byte[] copy = (byte[])body.Clone();
            copy[offset(copy)] ^= 0x01;
            return copy;
        };
    }
}
