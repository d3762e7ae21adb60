namespace JinanOnboard.Ldpc.Construction;

/// <summary>
/// Efficiency f* = m/(n·h(p)) at which a default-book code of rate R decodes at first attempt
/// (n = 100 000, layered tanh-domain BP, 100 iterations), linearly interpolated in R and clamped at the ends.
/// A code is selected up to MaxQber = h⁻¹(m / (n·f*)). Each point is about the f of the lowest default code
/// that decoded 100 of 100 frames at that QBER (bench `sim`), or 20 of 20 plus a 0.03 margin where only the
/// 20-frame `calib` walk was run; see
/// protocol-spec/ldpc-codes.md §5 for the raw measurements.
/// </summary>
internal static class DecodingGap
{
    private static readonly (double Rate, double Efficiency)[] Points =
    [
        (0.452, 1.095),  // 11 %: f = 1.096 decoded 100/100 (f = 1.054 failed at frame 7)
        (0.567, 1.075),  // 8 %: f = 1.077 decoded 100/100 (lowest f tried)
        (0.684, 1.10),   // 5 %: f = 1.105 decoded 100/100 (f = 1.062 failed at frame 1)
        (0.730, 1.115),  // 4 %: f = 1.116 decoded 100/100 (f = 1.073 failed at frame 1)
        (0.79, 1.14),    // 3 %: f = 1.144 decoded 2 × 100/100 (f = 1.100: 4/100 failed)
        (0.84, 1.18),    // 2 %: f = 1.194 decoded 2 × 100/100 (f = 1.148: 1/100 failed)
        (0.8665, 1.185), // 1.5 %: f = 1.188 decoded 20/20 and 100/100 (f = 1.142 failed at frame 19)
        (0.9025, 1.225), // 1 %: f = 1.255 decoded 2 × 100/100; f = 1.207: 0/100 with one seed, 6/100 with another
        (0.94, 1.37),    // 0.5 %: f = 1.340: 20/20 and 100/100 (seed 555) but 98/100 (seed 7); f = 1.393: 100/100
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
