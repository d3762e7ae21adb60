namespace JinanOnboard.Source.Random;

/// <summary>
/// Turns 64 raw random bits into one <see cref="PulseChoice"/>. Both stores (generated and
/// recorded) share this mapping, so a recorded physical-RNG stream and the generator agree
/// bit for bit on what a given word means.
/// </summary>
/// <remarks>
/// Layout of the 64-bit word r (little-endian when stored as bytes):
/// <list type="bullet">
/// <item>bits 0..31, u = (uint)r: intensity. Index 0 if u &lt; T0, 1 if T0 &lt;= u &lt; T01, else 2,
/// with T0 = round(p0 · 2^32) and T01 = round((p0 + p1) · 2^32). The realised probabilities are
/// exactly T0 / 2^32, (T01 - T0) / 2^32 and (2^32 - T01) / 2^32, within 2^-32 of the configured
/// ones (exact for dyadic values such as 0.5 / 0.25 / 0.25).</item>
/// <item>bit 32: the key bit (uniform).</item>
/// <item>bits 33..63, v = r &gt;&gt; 33: basis. Z if v &lt; TZ with TZ = round(pZ · 2^31); the realised
/// probability is exactly TZ / 2^31, within 2^-32 of pZ (exact for 0.5).</item>
/// </list>
/// The three fields use disjoint bits, so with uniform input they are independent.
/// </remarks>
internal readonly struct PulseChoiceDecoder
{
    private const double TwoPow32 = 4294967296.0;
    private const double TwoPow31 = 2147483648.0;

    private readonly ulong _signalThreshold;
    private readonly ulong _signalOrDecoyThreshold;
    private readonly ulong _zBasisThreshold;

    public PulseChoiceDecoder(SourceConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        configuration.ThrowIfInvalid();
        _signalThreshold = (ulong)Math.Round(configuration.SignalProbability * TwoPow32);
        _signalOrDecoyThreshold = Math.Max(
            _signalThreshold,
            Math.Min((ulong)TwoPow32, (ulong)Math.Round((configuration.SignalProbability + configuration.DecoyProbability) * TwoPow32)));
        _zBasisThreshold = (ulong)Math.Round(configuration.ZBasisProbability * TwoPow31);
    }

    /// <summary>Exact probability of each intensity index implied by the 32-bit thresholds.</summary>
    public double RealisedIntensityProbability(int intensityIndex) => intensityIndex switch
    {
        0 => _signalThreshold / TwoPow32,
        1 => (_signalOrDecoyThreshold - _signalThreshold) / TwoPow32,
        2 => (TwoPow32 - _signalOrDecoyThreshold) / TwoPow32,
        _ => throw new ArgumentOutOfRangeException(nameof(intensityIndex), intensityIndex, "Intensity index must be 0, 1 or 2."),
    };

    /// <summary>Exact probability of the Z basis implied by the 31-bit threshold.</summary>
    public double RealisedZBasisProbability => _zBasisThreshold / TwoPow31;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public PulseChoice Decode(ulong raw)
    {
        // Branch-free: the fields are uniform random, so a branch per field would be mispredicted half the time (the
        // channel simulation and the payload's sifting decode ~25 M scattered words a pass).
        ulong intensityWord = (uint)raw;
        int intensity = (intensityWord >= _signalThreshold ? 1 : 0) + (intensityWord >= _signalOrDecoyThreshold ? 1 : 0);
        var bit = (byte)((raw >> 32) & 1);
        int basis = (raw >> 33) >= _zBasisThreshold ? 1 : 0;
        return new PulseChoice((byte)intensity, (PulseBasis)basis, bit);
    }
}
