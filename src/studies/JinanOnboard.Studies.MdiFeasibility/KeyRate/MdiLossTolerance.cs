namespace JinanOnboard.Studies.MdiFeasibility.KeyRate;

/// <summary>
/// The largest total (dual-uplink) loss at which the MDI rate with optimised intensities is still positive, for two
/// equal uplinks (η_A = η_B = 10^(−L/20)). Found by bisection to 0.01 dB; the study quotes "at most ~65 dB" (models.md §11).
/// </summary>
public static class MdiLossTolerance
{
    /// <summary>Highest total loss searched, dB.</summary>
    public const double CeilingDb = 150;

    /// <summary>Maximum tolerable total loss with per-slot optimised intensities, dB (0 if even a lossless pair gives no key).</summary>
    public static double MaxTotalLossDb(MdiProtocol protocol)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        return Bisect(lossDb => HasKey(lossDb, protocol));
    }

    /// <summary>The same with the fixed intensities μ = 0.5, ν = 0.1, ω = 0, dB.</summary>
    public static double MaxTotalLossFixedDb(MdiProtocol protocol)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        return Bisect(lossDb =>
        {
            double eta = Math.Pow(10, -lossDb / 20);
            return MdiKeyRate.PerPulse(MdiIntensities.Fixed, eta, eta, protocol) > 0;
        });
    }

    private static double Bisect(Func<double, bool> hasKey)
    {
        double lo = 0;
        double hi = CeilingDb;
        if (!hasKey(lo))
        {
            return 0;
        }

        while (hi - lo > 0.01)
        {
            double mid = 0.5 * (lo + hi);
            if (hasKey(mid))
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
