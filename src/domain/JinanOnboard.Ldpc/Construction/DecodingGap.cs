namespace JinanOnboard.Ldpc.Construction;

/// <summary>
/// Efficiency f* = m/(n·h(p)) at which a default-book code of rate R decodes at first attempt
/// (n = 100 000, the lifted layered BP decoder, 100 iterations), linearly interpolated in R and clamped at the ends.
/// A code is selected up to MaxQber = h⁻¹(m / (n·f*)). Each point is just below the f of the lowest code that failed at most
/// 4 of 800 frames (400 frames with seed 100 and 400 with seed 20261123; observed FER ≤ 0.5 %), walking the ids upwards
/// (bench `calib Q F_START`); fourth book revision, 2026-11-23 17:05–18:05 UTC. Raw measurements: protocol-spec/ldpc-codes.md §5.
/// </summary>
internal static class DecodingGap
{
    private static readonly (double Rate, double Efficiency)[] Points =
    [
        (0.4674, 1.064), // 11 %, code 225: 4/800 (f = 1.055: 12/800)
        (0.5650, 1.081), // 8 %, code 205: 1/800 (f = 1.071: 7/800)
        (0.6858, 1.096), // 5 %, code 173: 2/800 (f = 1.086: 7/800)
        (0.7360, 1.089), // 4 %, code 156: 4/800 (f = 1.078: 11/800)
        (0.7618, 1.087), // 3.5 %, code 146: 2/800 (f = 1.077: 21/800)
        (0.7872, 1.094), // 3 %, code 135: 3/800 (f = 1.083: 24/800)
        (0.8120, 1.114), // 2.5 %, code 123: 0/800 (f = 1.103: 5/800)
        (0.8426, 1.112), // 2 %, code 106: 2/800 (f = 1.102: 12/800)
        (0.8725, 1.134), // 1.5 %, code 86: 3/800 (f = 1.124: 9/800)
        (0.8890, 1.144), // 1.25 %, code 73: 4/800 (f = 1.134: 14/800)
        (0.9054, 1.169), // 1 %, code 58: 3/800 (f = 1.159: 5/800)
        (0.9230, 1.207), // 0.75 %, code 39: 2/800 (f = 1.195: 11/800)
        (0.9416, 1.285), // 0.5 %, code 14: 3/800 (f = 1.272: 16/800)
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
