namespace JinanOnboard.Ldpc.Construction;

/// <summary>
/// Measured efficiency f* = m/(n·h(p)) at which a default-book code of rate R still decodes with
/// frame error rate ≤ 1 % (n = 100 000, layered BP, 100 iterations), linearly interpolated in R.
/// A code is selected up to MaxQber = h⁻¹(m / (n·f*)). Points at R ≤ 0.85 are the measured f* (5 frames,
/// zero failures) plus 0.03 margin; 0.90 and 0.95 are conservative, not yet measured. See protocol-spec/ldpc-codes.md §Calibration.
/// </summary>
internal static class DecodingGap
{
    private static readonly (double Rate, double Efficiency)[] Points =
    [
        (0.50, 1.15),
        (0.70, 1.15),
        (0.80, 1.19),
        (0.85, 1.23),
        (0.90, 1.35),
        (0.95, 1.50),
    ];

    public static double ForRate(double rate)
    {
        if (rate <= Points[0].Rate)
        {
            return Points[0].Efficiency;
        }

        for (int i = 1; i < Points.Length; i++)
        {
            if (rate <= Points[i].Rate)
            {
                double w = (rate - Points[i - 1].Rate) / (Points[i].Rate - Points[i - 1].Rate);
                return Points[i - 1].Efficiency + (w * (Points[i].Efficiency - Points[i - 1].Efficiency));
            }
        }

        return Points[^1].Efficiency;
    }
}
