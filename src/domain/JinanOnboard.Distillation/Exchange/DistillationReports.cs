using JinanOnboard.Distillation.FiniteKey;

namespace JinanOnboard.Distillation.Exchange;

/// <summary>What became of one reconciliation packet.</summary>
public enum PacketOutcome
{
    /// <summary>Syndrome sent (payload) or awaited (ground).</summary>
    Pending = 0,

    /// <summary>Decoded and verified by the OGS.</summary>
    Decoded = 1,

    /// <summary>The decoder did not converge, or the syndrome's length did not fit its code or packet: packet discarded.</summary>
    DecodeFailed = 2,

    /// <summary>The decoder converged but the verification hash differed: packet discarded, never a wrong key.</summary>
    VerificationFailed = 3,

    /// <summary>The syndrome named a code the OGS's codec does not have (<see cref="IReconciliationCodec.GetSyndromeBits"/> = −1): packet discarded.</summary>
    UnknownCode = 4,
}

/// <summary>What became of one privacy-amplification block.</summary>
public enum BlockOutcome
{
    /// <summary>Instruction sent (ground) or key pending commit (payload).</summary>
    Pending = 0,

    /// <summary>Final key stored.</summary>
    Stored = 1,

    /// <summary>The finite-key analysis allows no key (ℓ = 0).</summary>
    NoKey = 2,

    /// <summary>The payload refused the instruction (counts, λ_EC or ℓ disagreed).</summary>
    Refused = 3,

    /// <summary>A signature (instruction or feedback) failed: abandoned.</summary>
    Abandoned = 4,

    /// <summary>The payload's CRC differed from the OGS key: discarded on both sides.</summary>
    CrcMismatch = 5,

    /// <summary>The OGS told the payload to discard its pending key.</summary>
    Discarded = 6,
}

/// <summary>One packet of sifted key as a side saw it.</summary>
/// <param name="PacketId">Packet number.</param>
/// <param name="SampledQber">QBER estimated from the sampled 10% when the code was chosen.</param>
/// <param name="ExactQber">Exact QBER after decoding (OGS only; null before or on failure).</param>
/// <param name="SyndromeBits">Syndrome length disclosed.</param>
/// <param name="Outcome">What became of the packet.</param>
public sealed record PacketReport(int PacketId, double SampledQber, double? ExactQber, int SyndromeBits, PacketOutcome Outcome);

/// <summary>One PA block: the finite-key inputs and ℓ.</summary>
/// <param name="BlockId">Block number.</param>
/// <param name="PacketIds">Packets of the block.</param>
/// <param name="InputBits">n: sifted bits in the block.</param>
/// <param name="KeyBits">ℓ.</param>
/// <param name="LambdaEcBits">λ_EC.</param>
/// <param name="Z">Counts of the Z basis.</param>
/// <param name="X">Counts of the X basis.</param>
/// <param name="Outcome">What became of the block.</param>
public sealed record PaBlockReport(uint BlockId, IReadOnlyList<int> PacketIds, long InputBits, long KeyBits, long LambdaEcBits, BasisCounts Z, BasisCounts X, BlockOutcome Outcome);

/// <summary>Counters and per-packet / per-block reports of one side, for the bench report.</summary>
public sealed class DistillationStatistics
{
    private readonly SortedDictionary<int, PacketReport> _packets = [];
    private readonly SortedDictionary<uint, PaBlockReport> _blocks = [];

    /// <summary>Detections named in key information (OGS: added; payload: received).</summary>
    public long Detections { get; internal set; }

    /// <summary>Detections sampled for the QBER estimate.</summary>
    public long SampledDetections { get; internal set; }

    /// <summary>Sifted key bits (basis matched, not sampled).</summary>
    public long SiftedBits { get; internal set; }

    /// <summary>Full packets of sifted key.</summary>
    public int SiftedPackets { get; internal set; }

    /// <summary>Final key bits stored.</summary>
    public long FinalKeyBits { get; internal set; }

    /// <summary>Every packet, by id.</summary>
    public IReadOnlyList<PacketReport> Packets => [.. _packets.Values];

    /// <summary>Every PA block, by id.</summary>
    public IReadOnlyList<PaBlockReport> Blocks => [.. _blocks.Values];

    internal void SetPacket(PacketReport report) => _packets[report.PacketId] = report;

    internal void SetBlock(PaBlockReport report) => _blocks[report.BlockId] = report;

    /// <summary>Sets what became of a packet this side already reports; true when it was still <see cref="PacketOutcome.Pending"/>.</summary>
    internal bool ResolvePacket(int packetId, PacketOutcome outcome)
    {
        if (outcome == PacketOutcome.Pending || !_packets.TryGetValue(packetId, out PacketReport? report) || report.Outcome != PacketOutcome.Pending)
        {
            return false;
        }

        _packets[packetId] = report with { Outcome = outcome };
        return true;
    }

    internal bool TryGetBlock(uint blockId, out PaBlockReport? report) => _blocks.TryGetValue(blockId, out report);
}
