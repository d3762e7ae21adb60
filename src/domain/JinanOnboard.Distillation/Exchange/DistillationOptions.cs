using JinanOnboard.Distillation.FiniteKey;

namespace JinanOnboard.Distillation.Exchange;

/// <summary>
/// Settings both distillers must share. Defaults are the Jinan-1 values of system.md and
/// finite-key.md: 10% sampling, 100 kbit packets, 500 kbit PA blocks, ε_sec = ε_cor = 1e-10.
/// </summary>
public sealed record DistillationOptions
{
    /// <summary>Largest packet the codecs accept (bits); bounds every allocation driven by the wire.</summary>
    public const int MaxPacketBits = 1 << 21;

    /// <summary>Largest number of detections in one key-information round.</summary>
    public const int MaxRoundDetections = 1 << 20;

    /// <summary>Largest number of packets in one PA block.</summary>
    public const int MaxBlockPackets = 64;

    /// <summary>Fraction of detections the OGS samples for the QBER estimate (system.md step 2: 10%).</summary>
    public double SampleFraction { get; init; } = 0.1;

    /// <summary>Detections per key-information round sent by the OGS.</summary>
    public int RoundDetections { get; init; } = 65_536;

    /// <summary>Sifted bits per reconciliation packet (system.md: 100 kbit).</summary>
    public int PacketBits { get; init; } = 100_000;

    /// <summary>Packets per PA block: block size = PacketBits · BlockPackets (default 500 kbit; 100..900 kbit in 100 kbit steps).</summary>
    public int BlockPackets { get; init; } = 5;

    /// <summary>QBER assumed before any sampled bit is seen (chooses the first code).</summary>
    public double DefaultQber { get; init; } = 0.02;

    /// <summary>Margin and clamp range that turn the sampled QBER into the codec's QBERs (both sides use the same).</summary>
    public ReconciliationPolicy Reconciliation { get; init; } = ReconciliationPolicy.Default;

    /// <summary>Decoy intensities and probabilities (finite-key.md inputs).</summary>
    public DecoySettings Decoy { get; init; } = DecoySettings.Jinan1;

    /// <summary>ε_sec of the finite-key analysis.</summary>
    public double EpsilonSec { get; init; } = 1e-10;

    /// <summary>ε_cor of the finite-key analysis.</summary>
    public double EpsilonCor { get; init; } = 1e-10;

    /// <summary>Deviation bound of the finite-key analysis.</summary>
    public DeviationBound Bound { get; init; } = DeviationBound.Chernoff;

    /// <summary>PA block size in bits.</summary>
    public long BlockBits => (long)PacketBits * BlockPackets;

    /// <summary>Throws when a setting is out of range.</summary>
    /// <exception cref="ArgumentException">Names the setting.</exception>
    public void ThrowIfInvalid()
    {
        if (!(SampleFraction > 0 && SampleFraction < 1))
        {
            throw new ArgumentException($"{nameof(SampleFraction)} must lie strictly between 0 and 1 (got {SampleFraction}).");
        }

        if (RoundDetections < 1 || RoundDetections > MaxRoundDetections)
        {
            throw new ArgumentException($"{nameof(RoundDetections)} must be in 1..{MaxRoundDetections} (got {RoundDetections}).");
        }

        if (PacketBits < 64 || PacketBits > MaxPacketBits || PacketBits % 8 != 0)
        {
            throw new ArgumentException($"{nameof(PacketBits)} must be a multiple of 8 in 64..{MaxPacketBits} (got {PacketBits}).");
        }

        if (BlockPackets < 1 || BlockPackets > MaxBlockPackets)
        {
            throw new ArgumentException($"{nameof(BlockPackets)} must be in 1..{MaxBlockPackets} (got {BlockPackets}).");
        }

        if (!(DefaultQber > 0 && DefaultQber < 0.5))
        {
            throw new ArgumentException($"{nameof(DefaultQber)} must lie strictly between 0 and 0.5 (got {DefaultQber}).");
        }

        ArgumentNullException.ThrowIfNull(Decoy);
        ArgumentNullException.ThrowIfNull(Reconciliation);
        if (Reconciliation.Validate() is string problem)
        {
            throw new ArgumentException($"{nameof(Reconciliation)}: {problem}.");
        }
    }
}
