using JinanOnboard.Primitives.Numerics;

namespace JinanOnboard.Studies.RingTwinField.KeyRate;

/// <summary>
/// Probabilities of an effective event (exactly one of Charlie's two detectors clicks) for phase-randomised coherent
/// states arriving with mean photon numbers a (from Alice, after her arm's transmittance) and b (from Bob) at a 50:50
/// beam splitter; p_d the dark-count probability per detector. The standard SNS-TF simulation model (Jiang, Yu, Hu &amp;
/// Wang, Phys. Rev. Applied 12, 024061 (2019), numerical section), derived here:
/// - one source only (b = 0): each detector sees a/2, so S = 2 (1−p_d) e^(−a/2) [1 − (1−p_d) e^(−a/2)];
/// - both, independent random phases θ: the detectors see (a+b)/2 ± √(ab) cos θ; averaging e^(∓√(ab) cos θ) over θ
///   gives I_0(√(ab)), so S = 2 (1−p_d) e^(−(a+b)/2) [I_0(√(ab)) − (1−p_d) e^(−(a+b)/2)];
/// - both, phase-matched to within δ (X windows): the "wrong" detector sees m_w = (1−e_d) w + e_d r with
///   w = (a+b)/2 − √(ab) cos δ, r = (a+b)/2 + √(ab) cos δ (misalignment e_d moves light between the ports), and an error is
///   the wrong detector clicking alone: (1−p_d) e^(−(a+b−m_w)) [1 − (1−p_d) e^(−m_w)], averaged over δ uniform in ±π/M.
/// </summary>
public static class SnsTfChannel
{
    private const int PhasePoints = 16;

    /// <summary>Effective-event probability with light from one side only (mean photon number <paramref name="a"/> at Charlie).</summary>
    public static double OneSided(double a, double darkCount)
    {
        double q = 1 - darkCount;
        double silent = q * Math.Exp(-a / 2);
        return 2 * silent * (darkCount - (q * double.ExpM1(-a / 2)));
    }

    /// <summary>Effective-event probability with both sides sending, relative phase random (Z windows, both "sending").</summary>
    public static double BothRandomPhase(double a, double b, double darkCount)
    {
        double q = 1 - darkCount;
        double decay = Math.Exp(-(a + b) / 2);
        // I_0(√ab) − (1−p_d) e^(−(a+b)/2) = [I_0 − 1] − expm1(−(a+b)/2) + p_d e^(−(a+b)/2): all terms ≥ 0.
        double bracket = (ModifiedBessel.I0(Math.Sqrt(a * b)) - 1) - double.ExpM1(-(a + b) / 2) + (darkCount * decay);
        return 2 * q * decay * bracket;
    }

    /// <summary>Both sides dark: 2 p_d (1 − p_d).</summary>
    public static double Vacuum(double darkCount) => 2 * darkCount * (1 - darkCount);

    /// <summary>Error probability (wrong detector alone) for phase-matched pulses, averaged over the slice ±π/<paramref name="phaseSlices"/>.</summary>
    public static double PhaseMatchedError(double a, double b, double darkCount, double misalignment, int phaseSlices)
    {
        double q = 1 - darkCount;
        double half = Math.PI / phaseSlices;
        double root = Math.Sqrt(a * b);
        double sum = 0;
        // Midpoint rule on PhasePoints points of [−half, half]: the integrand is smooth and slowly varying there.
        for (int i = 0; i < PhasePoints; i++)
        {
            double delta = -half + ((i + 0.5) * 2 * half / PhasePoints);
            double wrong = ((a + b) / 2) - (root * Math.Cos(delta));
            double right = ((a + b) / 2) + (root * Math.Cos(delta));
            double mw = ((1 - misalignment) * wrong) + (misalignment * right);
            double mr = a + b - mw;
            sum += q * Math.Exp(-mr) * (darkCount - (q * double.ExpM1(-mw)));
        }

        return sum / PhasePoints;
    }
}
