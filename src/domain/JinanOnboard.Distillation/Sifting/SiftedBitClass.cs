using JinanOnboard.Source;

namespace JinanOnboard.Distillation.Sifting;

/// <summary>
/// The finite-key class of a sifted bit: basis and intensity, encoded as basis · 3 + intensity
/// (0..5: Z-signal, Z-decoy, Z-vacuum, X-signal, X-decoy, X-vacuum), the order counts take on the wire.
/// </summary>
internal static class SiftedBitClass
{
    public const int Count = 6;

    public static byte Of(PulseBasis basis, byte intensityIndex) => (byte)(((int)basis * 3) + intensityIndex);
}
