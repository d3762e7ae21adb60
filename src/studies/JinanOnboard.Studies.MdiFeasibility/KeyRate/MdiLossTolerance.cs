namespace JinanOnboard.Studies.MdiFeasibility.KeyRate;

/// <summary>
/// The largest total (dual-uplink) loss at which the MDI rate with optimised intensities is still positive, for two
/// equal uplinks (η_A = η_B = 10^(−L/20)). Found by bisection to 0.01 dB; the study quotes "at most ~65 dB" (models.md §11).
/// </summary>
public static class MdiLossTolerance
{
    /// <summary>Highest total loss searched, dB.</summary>
    public const double CeilingDb = 150;

    /// <summary>Maximum tolerable total loss, dB (0 if even a lossless pair gives no key).</summary>
    public static double MaxTotalLossDb(MdiProtocol protocol)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        double lo = 0;
        double hi = CeilingDb;
        if (!HasKey(lo, protocol))
        {
            return 0;
        }

        while (hi - lo > 0.01)
        {
            double mid = 0.5 * (lo + hi);
            if (HasKey(mid, protocol))
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private static bool HasKey(double totalLossDb, MdiProtocol protocol)
    {
        double eta = Math.Pow(10, -totalLossDb / 20);
        return MdiIntensityOptimizer.Optimize(eta, eta, protocol).RatePerPulse > 0;
    }
}
