namespace JinanOnboard.Distillation.FiniteKey;

/// <summary>Checks a <see cref="FiniteKeyInput"/> against the ranges finite-key.md requires.</summary>
internal static class FiniteKeyInputValidator
{
    private const double ProbabilitySumTolerance = 1e-9;

    public static void Validate(FiniteKeyInput input)
    {
        ArgumentNullException.ThrowIfNull(input.Decoy);
        ArgumentNullException.ThrowIfNull(input.Z);
        ArgumentNullException.ThrowIfNull(input.X);

        PerIntensity<double> mu = input.Decoy.MeanPhotonNumbers;
        if (!double.IsFinite(mu.Signal) || !double.IsFinite(mu.Decoy) || !double.IsFinite(mu.Vacuum))
        {
            throw Invalid("intensities", "must be finite numbers");
        }

        if (!(mu.Vacuum >= 0))
        {
            throw Invalid("intensities", $"vacuum intensity μ3 = {mu.Vacuum} must be >= 0");
        }

        if (!(mu.Decoy > mu.Vacuum))
        {
            throw Invalid("intensities", $"decoy intensity μ2 = {mu.Decoy} must exceed vacuum intensity μ3 = {mu.Vacuum}");
        }

        if (!(mu.Signal > mu.Decoy + mu.Vacuum))
        {
            throw Invalid("intensities", $"signal intensity μ1 = {mu.Signal} must exceed μ2 + μ3 = {mu.Decoy + mu.Vacuum}");
        }

        PerIntensity<double> p = input.Decoy.Probabilities;
        string[] names = ["signal", "decoy", "vacuum"];
        for (int k = 0; k < 3; k++)
        {
            if (!(p[k] > 0 && p[k] <= 1))
            {
                throw Invalid("probabilities", $"{names[k]} probability {p[k]} must be in (0, 1]");
            }
        }

        double sum = p.Signal + p.Decoy + p.Vacuum;
        if (Math.Abs(sum - 1) > ProbabilitySumTolerance)
        {
            throw Invalid("probabilities", $"must sum to 1 (they sum to {sum})");
        }

        ValidateCounts("z", input.Z, names);
        ValidateCounts("x", input.X, names);

        if (!double.IsFinite(input.LambdaEcBits) || input.LambdaEcBits < 0)
        {
            throw Invalid("lambda_ec", $"{input.LambdaEcBits} must be a finite number of bits >= 0");
        }

        ValidateEpsilon("epsilon_sec", input.EpsilonSec);
        ValidateEpsilon("epsilon_cor", input.EpsilonCor);

        if (!Enum.IsDefined(input.Bound))
        {
            throw Invalid("bound", $"{(int)input.Bound} is not chernoff or hoeffding");
        }
    }

    private static void ValidateCounts(string basis, BasisCounts counts, string[] names)
    {
        for (int k = 0; k < 3; k++)
        {
            long n = counts.Detections[k];
            long m = counts.Errors[k];
            if (n < 0)
            {
                throw Invalid($"{basis}.n", $"{names[k]} count {n} must be >= 0");
            }

            if (m < 0)
            {
                throw Invalid($"{basis}.m", $"{names[k]} error count {m} must be >= 0");
            }

            if (m > n)
            {
                throw Invalid($"{basis}.m", $"{names[k]} error count {m} exceeds its detection count {n}");
            }
        }
    }

    private static void ValidateEpsilon(string field, double value)
    {
        if (!(value > 0 && value < 1))
        {
            throw Invalid(field, $"{value} must be in (0, 1)");
        }
    }

    private static ArgumentException Invalid(string field, string problem) =>
        new($"Finite-key input '{field}': {problem}.");
}
