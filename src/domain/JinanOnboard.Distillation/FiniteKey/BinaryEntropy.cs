namespace JinanOnboard.Distillation.FiniteKey;

/// <summary>Binary entropy h(x) = −x log2 x − (1−x) log2(1−x) (models.md, preamble).</summary>
public static class BinaryEntropy
{
    /// <summary>h(x) in bits; 0 at x = 0 and x = 1.</summary>
    public static double Of(double probability)
    {
        if (probability <= 0 || probability >= 1)
        {
            return 0;
        }

        return (-probability * Math.Log2(probability)) - ((1 - probability) * Math.Log2(1 - probability));
    }
}
