using JinanOnboard.Primitives.Numerics;

namespace JinanOnboard.Studies.MdiFeasibility.KeyRate;

/// <summary>Gain Q and error-weighted gain E·Q of one intensity pair in one basis.</summary>
public readonly record struct MdiGain(double Gain, double ErrorGain)
{
    /// <summary>Error rate E = E·Q / Q (0 when nothing is detected).</summary>
    public double ErrorRate => Gain > 0 ? ErrorGain / Gain : 0;
}

/// <summary>
/// The MDI-QKD channel model of Xu, Curty, Qi &amp; Lo, "Practical aspects of measurement-device-independent quantum key
/// distribution", New J. Phys. 15, 113007 (2013), appendix B (polarization encoding, Charlie's Bell-state measurement with
/// four threshold detectors; both ψ⁺ and ψ⁻ accepted). Alice sends phase-randomised coherent states of intensity a over a
/// channel of transmittance η_A (detector included), Bob b over η_B; p_d the dark-count probability, e_d the misalignment.
/// With μ' = η_A a + η_B b, x = sqrt(η_A a η_B b)/2 and y = (1 − p_d) e^(−μ'/4):
///   Z: Q_C = 2(1−p_d)² e^(−μ'/2) [1 − (1−p_d) e^(−η_A a/2)] [1 − (1−p_d) e^(−η_B b/2)],
///      Q_E = 2 p_d (1−p_d)² e^(−μ'/2) [I_0(2x) − (1−p_d) e^(−μ'/2)],
///      Q_Z = Q_C + Q_E,  E_Z Q_Z = e_d Q_C + (1 − e_d) Q_E;
///   X: Q_X = 2y² [1 + 2y² − 4y I_0(x) + I_0(2x)],  E_X Q_X = e_0 Q_X − 2(e_0 − e_d) y² [I_0(2x) − 1].
/// </summary>
public static class MdiChannelModel
{
    /// <summary>Z-basis (key basis) gain and error gain for intensities <paramref name="a"/>, <paramref name="b"/>.</summary>
    public static MdiGain Rectilinear(double a, double b, double etaA, double etaB, MdiProtocol protocol)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        double pd = protocol.DarkCountProbability;
        double ma = etaA * a;
        double mb = etaB * b;
        double muPrime = ma + mb;
        double twoX = Math.Sqrt(ma * mb);
        double q = 1 - pd;
        double halfDecay = Math.Exp(-muPrime / 2);
        // 1 − (1−p_d) e^(−m/2) written as p_d + (1−p_d)(1 − e^(−m/2)) keeps its digits when m is tiny (high loss).
        double clickA = pd - (q * double.ExpM1(-ma / 2));
        double clickB = pd - (q * double.ExpM1(-mb / 2));
        double qc = 2 * q * q * halfDecay * clickA * clickB;
        // I_0(2x) − (1−p_d) e^(−μ'/2) = [I_0(2x) − 1] + p_d e^(−μ'/2) − expm1(−μ'/2): each term ≥ 0, no cancellation.
        double bessel = (ModifiedBessel.I0(twoX) - 1) + (pd * halfDecay) - double.ExpM1(-muPrime / 2);
        double qe = 2 * pd * q * q * halfDecay * bessel;
        double ed = protocol.Misalignment;
        return new MdiGain(qc + qe, (ed * qc) + ((1 - ed) * qe));
    }

    /// <summary>X-basis gain and error gain for intensities <paramref name="a"/>, <paramref name="b"/>.</summary>
    public static MdiGain Diagonal(double a, double b, double etaA, double etaB, MdiProtocol protocol)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        double pd = protocol.DarkCountProbability;
        double ma = etaA * a;
        double mb = etaB * b;
        double muPrime = ma + mb;
        double x = Math.Sqrt(ma * mb) / 2;
        double y = (1 - pd) * Math.Exp(-muPrime / 4);
        // 1 + 2y² − 4y I_0(x) + I_0(2x) = 2(1 − y)² + [I_0(2x) − 1] − 4y [I_0(x) − 1]: the (1 − y)² form keeps the
        // leading (μ')²/8 at high loss, where the printed form cancels to nothing in double precision.
        double oneMinusY = pd - ((1 - pd) * double.ExpM1(-muPrime / 4));
        double i2 = ModifiedBessel.I0(2 * x) - 1;
        double bracket = (2 * oneMinusY * oneMinusY) + i2 - (4 * y * (ModifiedBessel.I0(x) - 1));
        double gain = 2 * y * y * bracket;
        double e0 = protocol.DarkCountError;
        double errorGain = (e0 * gain) - (2 * (e0 - protocol.Misalignment) * y * y * i2);
        return new MdiGain(gain, Math.Max(0, errorGain));
    }

    /// <summary>
    /// The exact single-photon-pair yield of the model (Xu et al. 2013, appendix B; for tests and the "true" curve):
    /// Y_11 = (1−p_d)² [η_Aη_B/2 + (2η_A + 2η_B − 3η_Aη_B) p_d + 4(1−η_A)(1−η_B) p_d²].
    /// </summary>
    public static double SinglePhotonYield(double etaA, double etaB, MdiProtocol protocol)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        double pd = protocol.DarkCountProbability;
        double q = 1 - pd;
        return q * q * ((etaA * etaB / 2) + (((2 * etaA) + (2 * etaB) - (3 * etaA * etaB)) * pd) + (4 * (1 - etaA) * (1 - etaB) * pd * pd));
    }

    /// <summary>The exact single-photon-pair X error rate of the model: e_11 Y_11 = e_0 Y_11 − (e_0 − e_d)(1−p_d)² η_Aη_B/2.</summary>
    public static double SinglePhotonError(double etaA, double etaB, MdiProtocol protocol)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        double y11 = SinglePhotonYield(etaA, etaB, protocol);
        double q = 1 - protocol.DarkCountProbability;
        return y11 > 0 ? protocol.DarkCountError - ((protocol.DarkCountError - protocol.Misalignment) * q * q * etaA * etaB / 2 / y11) : 0;
    }
}
