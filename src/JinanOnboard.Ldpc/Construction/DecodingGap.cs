namespace JinanOnboard.Ldpc.Construction;

/// <summary>
/// Efficiency f* = m/(n·h(p)) at which a default-book code of rate R decodes at first attempt
/// (n = 100 000, layered tanh-domain BP, 100 iterations), linearly interpolated in R and clamped at the ends.
/// A code is selected up to MaxQber = h⁻¹(m / (n·f*)). From 0.77 up (the designed D distributions) each point is
/// just below the f of the lowest code that failed at most 1 of 200 frames (bench `sim`, seeds 20261123 and 100;
/// 100 frames of one seed where marked); below, the points of the E distributions (unchanged) are those of the
/// previous calibration. Raw measurements: protocol-spec/ldpc-codes.md §5.
/// </summary>
internal static class DecodingGap
{
    private static readonly (double Rate, double Efficiency)[] Points =
    [
        (0.452, 1.095),  // 11 %, previous grid: f = 1.096 decoded 100/100 (f = 1.054 failed at frame 7)
        (0.4594, 1.08),  // 11 %, 2 % grid: f = 1.081 decoded 100/100 (seed 555) and 50/50 (`jinan ldpc bench`, seed 7)
        (0.567, 1.075),  // 8 %: f = 1.077 decoded 100/100 (previous grid); on the 2 % grid f = 1.060 fails 14/100, 1.081 0/100
        (0.684, 1.10),   // 5 %: f = 1.105 decoded 100/100 (f = 1.062 failed at frame 1)
        (0.730, 1.115),  // 4 %: f = 1.116 decoded 100/100 (f = 1.073 failed at frame 1)
        (0.7784, 1.139), // 3 %, D79: f = 1.140 0/200 (f = 1.117: 2/200, f = 1.096: 19/200)
        (0.811, 1.12),   // 2.5 %, D79: f = 1.121 0/100 (f = 1.099: 6/100)
        (0.8387, 1.14),  // 2 %, D85: f = 1.141 1/200 (f = 1.118: 8/200)
        (0.8703, 1.153), // 1.5 %, D88: f = 1.154 1/200 (f = 1.132: 4/200)
        (0.9056, 1.168), // 1 %, D91: f = 1.169 1/200 (f = 1.146: 4/200)
        (0.9226, 1.214), // 0.75 %, D91: f = 1.215 0/100 (f = 1.191: 2/100)
        (0.9414, 1.29),  // 0.5 %, D91: f = 1.291 1/200 (f = 1.265: 1/100)
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
