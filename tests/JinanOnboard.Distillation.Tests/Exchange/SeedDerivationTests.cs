using System.Buffers.Binary;
using JinanOnboard.Distillation.Exchange;
using JinanOnboard.Distillation.Exchange.Messages;
using JinanOnboard.Distillation.Sifting;
using JinanOnboard.Distillation.Tests.Exchange.TestSupport;
using JinanOnboard.Primitives.Randomness;

namespace JinanOnboard.Distillation.Tests.Exchange;

/// <summary>
/// The distillers' deterministic streams are exactly those of protocol-spec/seed-derivation.md: recomputed here from the
/// seeds and labels alone and compared with what crosses the wire.
/// </summary>
public sealed class SeedDerivationTests
{
    private const ulong GroundSeed = 7; // DistillationBench: the OGS gets the seed, the payload seed + 1
    private const ulong PayloadSeed = 8;

    [Fact]
    public async Task Sampling_flags_hash_keys_and_toeplitz_seeds_follow_the_documented_streams()
    {
        var bench = new DistillationBench(SharedPass.Options, SharedPass.Store, GroundSeed);
        var rounds = new List<KeyInformationMessage>();
        var syndromes = new List<SyndromeMessage>();
        var instructions = new List<PaInstructionMessage>();
        bench.Network.Tamper = (type, body) =>
        {
            switch (type)
            {
                case DistillationMessageType.KeyInformation:
                    rounds.Add(KeyInformationMessage.Decode(body));
                    break;
                case DistillationMessageType.Syndrome:
                    syndromes.Add(SyndromeMessage.Decode(body));
                    break;
                case DistillationMessageType.PaInstruction:
                    instructions.Add(PaInstructionMessage.Decode(body.AsSpan(0, body.Length - bench.GroundAuthenticator.SignatureLength)));
                    break;
            }

            return body;
        };
        await bench.RunAsync(SharedPass.Detections);

        // Sampling: one NextDouble per detection, in detection order, sampled iff below the fraction.
        var sampling = new SplitMix64(SeedSequence.Derive(GroundSeed, GroundDistiller.SamplingLabel));
        int detections = 0;
        foreach (KeyInformationMessage round in rounds.OrderBy(r => r.RoundIndex))
        {
            for (int i = 0; i < round.Sequences.Length; i++, detections++)
            {
                bool expected = sampling.NextDouble() < SharedPass.Options.SampleFraction;
                Assert.Equal(expected ? 1 : 0, PackedBits.Get(round.Sampled, i));
            }
        }

        Assert.Equal(SharedPass.Detections.Length, detections);

        // Hash keys: one Next() per packet, in packet order; the key is its little-endian bytes read as the big-endian u64.
        var hashKeys = new SplitMix64(SeedSequence.Derive(PayloadSeed, PayloadDistiller.HashKeysLabel));
        Assert.NotEmpty(syndromes);
        foreach (SyndromeMessage syndrome in syndromes.OrderBy(s => s.PacketId))
        {
            Assert.Equal(BinaryPrimitives.ReverseEndianness(hashKeys.Next()), syndrome.HashKey);
        }

        // Toeplitz seeds: Fill of ⌈seed_bits/8⌉ bytes per block with ℓ > 0, in block order, unused high bits cleared.
        var toeplitz = new SplitMix64(SeedSequence.Derive(GroundSeed, GroundDistiller.ToeplitzSeedsLabel));
        Assert.Contains(instructions, i => i.KeyBits > 0);
        foreach (PaInstructionMessage instruction in instructions.Where(i => i.KeyBits > 0).OrderBy(i => i.BlockId))
        {
            long seedBits = instruction.Detections.Sum() + instruction.KeyBits - 1;
            var expected = new byte[(seedBits + 7) / 8];
            toeplitz.Fill(expected);
            if ((seedBits & 7) != 0)
            {
                expected[^1] &= (byte)((1 << (int)(seedBits & 7)) - 1);
            }

            Assert.Equal(expected, instruction.Seed);
        }
    }
}
