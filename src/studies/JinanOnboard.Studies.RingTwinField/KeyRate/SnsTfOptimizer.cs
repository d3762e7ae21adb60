using JinanOnboard.Primitives.Numerics;

namespace JinanOnboard.Studies.RingTwinField.KeyRate;

/// <summary>Best parameters found for one link and block, with the block's secret bits.</summary>
public readonly record struct SnsTfOptimum(SnsTfParameters Parameters, SnsTfBlock Block);

/// <summary>
/// Per-link optimisation of (p_Z, ε, μ_Z, μ_1, μ_2) for SNS-TF (models.md §12): Nelder–Mead over logit-transformed
/// parameters (keeping probabilities in (0, 1) and 0 &lt; μ_1 &lt; μ_2 &lt; 1), started from the better of a fixed start and a
/// caller's warm start (the neighbouring loss of a table) and a small grid of starts. Deterministic.
/// </summary>
public static class SnsTfOptimizer
{
    /// <summary>A start that works from low to high loss: p_Z 0.8, ε 0.1, μ_Z 0.4, μ_1 0.1, μ_2 0.4.</summary>
    public static SnsTfParameters DefaultStart { get; } = new(0.8, 0.1, 0.4, 0.1, 0.4);

    /// <summary>Further starts (8 points: p_Z, ε, μ_Z at two levels each) so that a start without key does not leave the simplex on a flat zero.</summary>
    private static readonly SnsTfParameters[] StartGrid =
    [
        .. from pz in new[] { 0.7, 0.9 }
           from eps in new[] { 0.02, 0.08 }
           from muZ in new[] { 0.2, 0.45 }
           select new SnsTfParameters(pz, eps, muZ, 0.05, 0.3),
    ];

    /// <summary>Optimise for arm transmittances <paramref name="etaA"/>, <paramref name="etaB"/> and a block of <paramref name="pulses"/>.</summary>
    public static SnsTfOptimum Optimize(double etaA, double etaB, double pulses, SnsTfSettings settings, SnsTfParameters? warmStart = null, int maxEvaluations = 600)
    {
        ArgumentNullException.ThrowIfNull(settings);
        SnsTfParameters start = DefaultStart;
        SnsTfBlock startBlock = SnsTfFiniteKey.Evaluate(start, etaA, etaB, pulses, settings);
        IEnumerable<SnsTfParameters> candidates = warmStart is SnsTfParameters w && w.IsValid ? [w, .. StartGrid] : StartGrid;
        foreach (SnsTfParameters candidate in candidates)
        {
            SnsTfBlock tried = SnsTfFiniteKey.Evaluate(candidate, etaA, etaB, pulses, settings);
            if (tried.SecretBits > startBlock.SecretBits)
            {
                (start, startBlock) = (candidate, tried);
            }
        }

        // Normalise by the start's key (or the block size when it gives none) so the simplex tolerance is relative.
        double scale = startBlock.SecretBits > 0 ? startBlock.SecretBits : pulses * 1e-12;
        double Cost(double[] x) => -SnsTfFiniteKey.Evaluate(FromVector(x), etaA, etaB, pulses, settings).SecretBits / scale;
        (double[] point, _) = NelderMead.Minimize(Cost, ToVector(start), 0.4, 1e-7, maxEvaluations);
        SnsTfParameters found = FromVector(point);
        SnsTfBlock block = SnsTfFiniteKey.Evaluate(found, etaA, etaB, pulses, settings);
        return block.SecretBits >= startBlock.SecretBits ? new SnsTfOptimum(found, block) : new SnsTfOptimum(start, startBlock);
    }

    private static SnsTfParameters FromVector(double[] x)
    {
        double mu2 = Logistic(x[4]);
        return new SnsTfParameters(Logistic(x[0]), 0.5 * Logistic(x[1]), Logistic(x[2]), mu2 * Logistic(x[3]), mu2);
    }

    private static double[] ToVector(SnsTfParameters p) =>
        [Logit(p.ZWindowProbability), Logit(p.SendingProbability / 0.5), Logit(p.MuZ), Logit(p.Mu1 / p.Mu2), Logit(p.Mu2)];

    private static double Logistic(double x) => 1 / (1 + Math.Exp(-x));

    private static double Logit(double p) => Math.Log(p / (1 - p));
}
