using JinanOnboard.Distillation.KeyStorage;
using JinanOnboard.Distillation.Exchange;

namespace JinanOnboard.Runtime.Distillation;

/// <summary>The figures of one side's distillation, in the shape of the bench report (snake_case keys).</summary>
public static class DistillationSummary
{
    /// <param name="details">The side's details to add to.</param>
    /// <param name="statistics">The distiller's figures for this pass.</param>
    /// <param name="store">The side's key store (it may hold earlier passes too).</param>
    /// <param name="passId">This pass: the key hash and stored counts cover its keys only.</param>
    public static void AddTo(IDictionary<string, object> details, DistillationStatistics statistics, KeyStore? store, string passId)
    {
        details["detections"] = statistics.Detections;
        details["sampled_detections"] = statistics.SampledDetections;
        details["sifted_bits"] = statistics.SiftedBits;
        details["sifted_packets"] = statistics.SiftedPackets;
        details["final_key_bits"] = statistics.FinalKeyBits;
        details["packets"] = statistics.Packets.Select(p => new Dictionary<string, object?>
        {
            ["packet_id"] = p.PacketId,
            ["sampled_qber"] = p.SampledQber,
            ["exact_qber"] = p.ExactQber,
            ["syndrome_bits"] = p.SyndromeBits,
            ["outcome"] = p.Outcome.ToString(),
        }).ToList();
        details["pa_blocks"] = statistics.Blocks.Select(b => new Dictionary<string, object?>
        {
            ["block_id"] = b.BlockId,
            ["packet_ids"] = b.PacketIds,
            ["n"] = b.InputBits,
            ["l"] = b.KeyBits,
            ["lambda_ec"] = b.LambdaEcBits,
            ["z"] = Counts(b.Z),
            ["x"] = Counts(b.X),
            ["outcome"] = b.Outcome.ToString(),
        }).ToList();
        if (store is not null)
        {
            details["key_sha256"] = store.Sha256OfKeys(passId);
            details["key_store_sha256"] = store.Sha256OfKeys(); // every pass: equal on both sides when the stores agree
            details["stored_key_bits"] = store.Of(passId).Sum(b => (long)b.BitCount);
            details["stored_blocks"] = store.Of(passId).Count();
            details["key_store"] = store.FilePath;
        }
    }

    private static Dictionary<string, object> Counts(JinanOnboard.Distillation.FiniteKey.BasisCounts counts) => new()
    {
        ["n_signal"] = counts.Detections.Signal,
        ["n_decoy"] = counts.Detections.Decoy,
        ["n_vacuum"] = counts.Detections.Vacuum,
        ["m_signal"] = counts.Errors.Signal,
        ["m_decoy"] = counts.Errors.Decoy,
        ["m_vacuum"] = counts.Errors.Vacuum,
    };
}
