namespace JinanOnboard.Distillation.Exchange;

/// <summary>A reconciliation code chosen for one packet: its identifier and how many syndrome bits it discloses.</summary>
/// <param name="CodeId">Identifier both sides resolve to the same code.</param>
/// <param name="SyndromeBits">Syndrome length in bits (all of them count in λ_EC).</param>
public readonly record struct ReconciliationCodeChoice(int CodeId, int SyndromeBits);

/// <summary>
/// One-way error correction (system.md step 3: LDPC, because it needs the fewest exchanges).
/// The payload computes syndromes, the OGS decodes. Packed bits follow the project convention:
/// bit j of b is <c>(b[j &gt;&gt; 3] &gt;&gt; (j &amp; 7)) &amp; 1</c>.
/// </summary>
public interface IReconciliationCodec
{
    /// <summary>
    /// Chooses a code for a packet of <paramref name="packetBits"/> bits that corrects up to <paramref name="qber"/>, used as
    /// given: the caller has applied its <see cref="ReconciliationPolicy"/> (clamped estimate plus margin), so it lies in [0, 0.5).
    /// </summary>
    /// <exception cref="ArgumentException">No code of that length exists.</exception>
    ReconciliationCodeChoice SelectCode(double qber, int packetBits);

    /// <summary>
    /// Syndrome length of code <paramref name="codeId"/> for <paramref name="packetBits"/>-bit packets, or −1 when that code
    /// does not exist. Never throws for an unknown code: the id comes from the wire, and the OGS answers −1 by discarding the
    /// packet with outcome <see cref="PacketOutcome.UnknownCode"/>. The other methods take only codes this knows.
    /// </summary>
    int GetSyndromeBits(int codeId, int packetBits);

    /// <summary>Computes the syndrome of <paramref name="packedBits"/> (packetBits bits) into <paramref name="packedSyndrome"/>.</summary>
    /// <exception cref="DistillationProtocolException">The code is unknown (<see cref="GetSyndromeBits"/> gives −1).</exception>
    void ComputeSyndrome(int codeId, int packetBits, ReadOnlySpan<byte> packedBits, Span<byte> packedSyndrome);

    /// <summary>
    /// Decodes <paramref name="packedNoisy"/> towards the word whose syndrome is <paramref name="packedSyndrome"/>.
    /// Returns true when the decoder converged (the corrected word then has exactly that syndrome);
    /// the caller still checks the verification hash, so a wrong but converged word is never used.
    /// <paramref name="qber"/> sets the channel LLRs and is used as given: the caller has clamped it with its
    /// <see cref="ReconciliationPolicy"/>, so it lies in (0, 0.5).
    /// </summary>
    /// <exception cref="DistillationProtocolException">The code is unknown (<see cref="GetSyndromeBits"/> gives −1).</exception>
    bool TryDecode(int codeId, int packetBits, ReadOnlySpan<byte> packedNoisy, ReadOnlySpan<byte> packedSyndrome, double qber, Span<byte> packedCorrected);
}
