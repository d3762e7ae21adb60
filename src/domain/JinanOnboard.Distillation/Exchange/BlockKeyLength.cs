using JinanOnboard.Distillation.FiniteKey;
using JinanOnboard.Distillation.Sifting;

namespace JinanOnboard.Distillation.Exchange;

/// <summary>
/// ℓ of one PA block from its counts, as both sides compute it (finite-key.md; issue 3 item 6:
/// the OGS computes, the payload recomputes from the signed counts and refuses a disagreement).
/// </summary>
internal static class BlockKeyLength
{
    public static BasisCounts Counts(long[] detections, long[] errors, int basis)
    {
        int o = basis * 3;
        return new BasisCounts(
            new PerIntensity<long>(detections[o], detections[o + 1], detections[o + 2]),
            new PerIntensity<long>(errors[o], errors[o + 1], errors[o + 2]));
    }

    /// <summary>
    /// Bits the signed feedback reveals about the final key: its 64-bit CRC (KeyConfirmation). They are
    /// counted like error-correction leakage, so the key both sides keep is ℓ(λ_EC + 64).
    /// </summary>
    public const int ConfirmationTagBits = 64;

    public static long Compute(DistillationOptions options, long[] detections, long[] errors, long lambdaEcBits)
    {
        lambdaEcBits += ConfirmationTagBits;
        var input = new FiniteKeyInput(
            options.Decoy,
            Counts(detections, errors, 0),
            Counts(detections, errors, 1),
            lambdaEcBits,
            options.EpsilonSec,
            options.EpsilonCor,
            options.Bound);
        return FiniteKeyAnalysis.Compute(input).KeyLengthBits;
    }

    public static PaBlockReport Report(uint blockId, int[] packetIds, long[] detections, long[] errors, long lambdaEcBits, long keyBits, BlockOutcome outcome) =>
        new(blockId, packetIds, detections.Sum(), keyBits, lambdaEcBits, Counts(detections, errors, 0), Counts(detections, errors, 1), outcome);

    /// <summary>Concatenates whole packets (each a multiple of 8 bits) into one packed string.</summary>
    public static byte[] Concatenate(IReadOnlyList<byte[]> packets)
    {
        int total = 0;
        foreach (byte[] p in packets)
        {
            total += p.Length;
        }

        var all = new byte[total];
        int offset = 0;
        foreach (byte[] p in packets)
        {
            p.CopyTo(all, offset);
            offset += p.Length;
        }

        return all;
    }

    /// <summary>The confirmation CRC of a final key (issue 3 item 8; Confirmation.KeyConfirmation, CRC-64).</summary>
    public static ulong KeyCrc(ReadOnlySpan<byte> key, long keyBits) => Confirmation.KeyConfirmation.Compute(key, checked((int)keyBits));

    public static int ClassCount => SiftedBitClass.Count;
}
