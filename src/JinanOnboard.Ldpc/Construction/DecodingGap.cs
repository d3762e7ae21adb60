namespace JinanOnboard.Ldpc.Construction;

/// <summary>
/// Efficiency f* = m/(n·h(p)) at which a default-book code of rate R decodes at first attempt
/// (n = 100 000, the lifted layered BP decoder, 100 iterations), linearly interpolated in R and clamped at the ends.
/// A code is selected up to MaxQber = h⁻¹(m / (n·f*)). Each point is just below the f of the lowest code that failed at most
/// 1 of 200 frames (bench `sim`, seed 100) after decoding its first 100 frames of the `calib` walk (seed 20261123) without a
/// failure; third book revision, 2026-11-23 15:52–16:02 UTC. Raw measurements: protocol-spec/ldpc-codes.md §5.
/// </summary>
internal static class DecodingGap
{
    private static readonly (double Rate, double Efficiency)[] Points =
    [
        (0.4683, 1.063), // 11 %, code 117: 1/200 (code 116, f = 1.042: 55/200)
        (0.5645, 1.082), // 8 %, code 107: 0/200 (f = 1.061: 29/200)
        (0.6840, 1.102), // 5 %, code 91: 0/200 (f = 1.082: 0/200, but failed at frame 49 of the walk)
        (0.7254, 1.132), // 4 %, code 84: 1/200 (f = 1.111: 2/200)
        (0.7800, 1.131), // 3 %, code 73: 0/200 (f = 1.110: 1/200, but failed within the walk's 100)
        (0.8088, 1.133), // 2.5 %, code 66: 0/200 (f = 1.111: 3/200)
        (0.8374, 1.148), // 2 %, code 58: 1/200 (f = 1.127: 4/200)
        (0.8699, 1.157), // 1.5 %, code 47: 0/200 (f = 1.135: 2/200)
        (0.9042, 1.185), // 1 %, code 32: 0/200 (f = 1.162: 4/200)
        (0.9221, 1.222), // 0.75 %, code 22: 0/200 and 0/100 (f = 1.198: 4/200)
        (0.9406, 1.306), // 0.5 %, code 9: 0/200 (f = 1.279: 5/200)
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
