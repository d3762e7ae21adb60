using JinanOnboard.Primitives.Numerics;

namespace JinanOnboard.Studies.MdiFeasibility.KeyRate;

/// <summary>Best intensities found for one pair of transmittances, and their rate per pulse pair.</summary>
public readonly record struct MdiOptimum(MdiIntensities Intensities, double RatePerPulse);

/// <summary>
/// Chooses Alice's and Bob's intensities independently to maximise the MDI rate for given channel transmittances
/// (Zhou, Yu &amp; Wang, PRA 93, 042324 (2016): asymmetric channels want asymmetric intensities). Deterministic: a 4×4
/// grid of signal intensities (decoy at a fifth of the signal) picks the start, then Nelder–Mead over
/// (logit μ_A, logit ν_A/μ_A, logit μ_B, logit ν_B/μ_B), which keeps 0 &lt; ν &lt; μ &lt; <see cref="MaxIntensity"/>.
/// </summary>
public static class MdiIntensityOptimizer
{
    /// <summary>Largest intensity considered (photons per pulse).</summary>
    public const double MaxIntensity = 1.0;

    private static readonly double[] GridSignals = [0.05, 0.15, 0.4, 0.8];
    private const double GridDecoyRatio = 0.2;

    /// <summary>The optimum for transmittances <paramref name="etaA"/>, <paramref name="etaB"/>; rate 0 (fixed intensities) when no choice gives key.</summary>
    public static MdiOptimum Optimize(double etaA, double etaB, MdiProtocol protocol)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        MdiIntensities best = MdiIntensities.Fixed;
        double bestRate = MdiKeyRate.PerPulse(best, etaA, etaB, protocol);
        foreach (double muA in GridSignals)
        {
            foreach (double muB in GridSignals)
            {
                var candidate = new MdiIntensities(muA, muA * GridDecoyRatio, muB, muB * GridDecoyRatio);
                double rate = MdiKeyRate.PerPulse(candidate, etaA, etaB, protocol);
                if (rate > bestRate)
                {
                    (best, bestRate) = (candidate, rate);
                }
            }
        }

        if (bestRate <= 0)
        {
            return new MdiOptimum(MdiIntensities.Fixed, 0);
        }

        // Scale the objective so the simplex tolerance is relative to the rate found on the grid.
        double scale = bestRate;
        double Cost(double[] p) => -MdiKeyRate.PerPulse(FromParameters(p), etaA, etaB, protocol) / scale;
        (double[] point, double value) = NelderMead.Minimize(Cost, ToParameters(best), 0.5, 1e-9, 800);
        MdiIntensities found = FromParameters(point);
        double foundRate = -value * scale;
        return foundRate > bestRate ? new MdiOptimum(found, foundRate) : new MdiOptimum(best, bestRate);
    }

    private static MdiIntensities FromParameters(double[] p)
    {
        double muA = MaxIntensity * Logistic(p[0]);
        double muB = MaxIntensity * Logistic(p[2]);
        return new MdiIntensities(muA, muA * Logistic(p[1]), muB, muB * Logistic(p[3]));
    }

    private static double[] ToParameters(MdiIntensities i) =>
        [Logit(i.MuA / MaxIntensity), Logit(i.NuA / i.MuA), Logit(i.MuB / MaxIntensity), Logit(i.NuB / i.MuB)];

    private static double Logistic(double x) => 1 / (1 + Math.Exp(-x));

    private static double Logit(double p) => Math.Log(p / (1 - p));
}
