using JinanOnboard.Polarization.Calibration;
using JinanOnboard.Polarization.Errors;
using JinanOnboard.Polarization.Jones;
using JinanOnboard.Primitives.Randomness;

namespace JinanOnboard.PolarizationBench;

/// <summary>
/// The OGS's passive BB84 decoder counting one calibration step: a 50/50 splitter into an H/V and a D/A analyser.
/// The source sends the reference state, or with its error probability e_s (finite contrast) the orthogonal one; the
/// channel M carries it; output k then expects N · ½ · [(1 − e_s) |⟨k|M|s⟩|² + e_s |⟨k|M|s⊥⟩|²] detections plus
/// the dark counts of the step, each count a Poisson draw from the stream <c>polarization.decoder</c> of the run seed.
/// </summary>
public sealed class SimulatedDecoder
{
    /// <summary>The seed-derivation label of the decoder's stream.</summary>
    public const string SeedLabel = "polarization.decoder";

    private readonly double _detectionsPerStep;
    private readonly double _darkCountsPerOutput;
    private readonly double _sourceErrorProbability;
    private SplitMix64 _random;

    /// <param name="runSeed">The run seed.</param>
    /// <param name="detectionsPerStep">Mean signal detections per step over all four outputs.</param>
    /// <param name="darkCountsPerOutput">Mean dark and background counts per output per step.</param>
    /// <param name="sourceContrastDb">The source's polarization contrast.</param>
    public SimulatedDecoder(ulong runSeed, double detectionsPerStep, double darkCountsPerOutput, double sourceContrastDb)
    {
        _random = SeedSequence.CreateGenerator(runSeed, SeedLabel);
        _detectionsPerStep = detectionsPerStep;
        _darkCountsPerOutput = darkCountsPerOutput;
        _sourceErrorProbability = BasisErrors.ErrorProbabilityOfContrast(sourceContrastDb);
    }

    /// <summary>Counts at the four outputs for <paramref name="sent"/> through <paramref name="channel"/>.</summary>
    public DecoderCounts Count(Bb84State sent, JonesMatrix channel)
    {
        JonesVector right = channel * JonesVector.Of(sent);
        JonesVector wrong = channel * JonesVector.Of(sent.Orthogonal());
        Span<long> n = stackalloc long[4];
        foreach (Bb84State output in Bb84States.All)
        {
            JonesVector analyser = JonesVector.Of(output);
            double p = 0.5 * (((1 - _sourceErrorProbability) * analyser.Overlap(right)) + (_sourceErrorProbability * analyser.Overlap(wrong)));
            n[(int)output] = RandomDraws.Poisson((_detectionsPerStep * p) + _darkCountsPerOutput, ref _random);
        }

        return new DecoderCounts(n[0], n[1], n[2], n[3]);
    }
}
