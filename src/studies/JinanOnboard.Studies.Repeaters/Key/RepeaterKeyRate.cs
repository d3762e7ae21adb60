using JinanOnboard.Primitives.Information;

namespace JinanOnboard.Studies.Repeaters.Key;

/// <summary>
/// Key figures of a repeater run and of direct transmission over the same route.
/// </summary>
public static class RepeaterKeyRate
{
    /// <summary>
    /// Secret fraction per swapped pair, 1 − h(e_X) − f h(e_Z) (models.md §10: the key rate lower bound is r times this;
    /// the key is read in Z and the phase error estimated from X). May be negative: no key.
    /// </summary>
    public static double SecretFraction(double errorX, double errorZ, double errorCorrectionInefficiency) =>
        1.0 - BinaryEntropy.Of(errorX) - (errorCorrectionInefficiency * BinaryEntropy.Of(errorZ));

    /// <summary>Key rate lower bound r[1 − h(e_X) − f h(e_Z)] in bit/s, 0 when the fraction is not positive (models.md §10).</summary>
    public static double LowerBoundBitsPerS(double pairRatePerS, double errorX, double errorZ, double errorCorrectionInefficiency)
    {
        if (!(pairRatePerS > 0))
        {
            return 0;
        }

        return pairRatePerS * Math.Max(0, SecretFraction(errorX, errorZ, errorCorrectionInefficiency));
    }

    /// <summary>
    /// The PLOB repeaterless bound: −log2(1 − η) secret bits per use of a pure-loss channel of transmittance η, the most
    /// any protocol without repeaters can get (Pirandola, Laurenza, Ottaviani &amp; Banchi, Nat. Commun. 8, 15043 (2017)).
    /// </summary>
    public static double PlobBitsPerUse(double transmittance)
    {
        if (transmittance is < 0 or > 1 || double.IsNaN(transmittance))
        {
            throw new ArgumentOutOfRangeException(nameof(transmittance), transmittance, "transmittance must be in [0, 1]");
        }

        // −log2(1 − η) = −ln(1 − η)/ln 2, with ln(1 − η) accurate for the tiny η of long routes.
        return transmittance >= 1 ? double.PositiveInfinity : -Simulation.GeometricTrials.Log1P(-transmittance) / Math.Log(2.0);
    }
}
