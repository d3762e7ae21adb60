using JinanOnboard.Polarization.Errors;
using JinanOnboard.Polarization.Jones;

namespace JinanOnboard.Polarization.Calibration;

/// <summary>
/// Estimates the channel's rotation from decoder counts only (never from a simulator's hidden unitary).
/// <para>For each sent state the Z arm gives the received S1 = (n_H − n_V)/(n_H + n_V) and the X arm S2 likewise, after
/// removing the expected dark counts; sent H/V and D/A together give the upper-left 2×2 block B of v·R (least squares:
/// B[·,1] = (r_H − r_V)/2, B[·,2] = (r_D − r_A)/2). For a rotation, that block A has det A = R33 and
/// ‖A‖²_F = 1 + R33², so the visibility v follows from v⁴ − ‖B‖²_F v² + (det B)² = 0 (the larger root; the other
/// would need |R33| &gt; 1); the third row then follows from unit columns and their orthogonality, up to one joint sign,
/// and Gram–Schmidt projects the noisy estimate back onto SO(3).</para>
/// </summary>
public static class ChannelEstimator
{
    /// <summary>Fewest counts (after dark-count removal) an analyser arm must see for a state to be usable.</summary>
    public const double MinimumArmCounts = 10;

    /// <summary>
    /// Estimates the channel from one round of counts, or returns null with <paramref name="problem"/> saying why (too
    /// few detections: the link is blocked or the detectors are off).
    /// </summary>
    /// <param name="counts">Counts for sent H, V, D, A.</param>
    /// <param name="darkCountsPerOutput">Expected dark and background counts per output during one step.</param>
    /// <param name="sourceErrorProbability">The source's own error probability (its finite contrast), removed for <see cref="ChannelEstimate.ChannelErrors"/>.</param>
    public static ChannelEstimate? TryEstimate(IReadOnlyDictionary<Bb84State, DecoderCounts> counts, double darkCountsPerOutput, double sourceErrorProbability, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var s1 = new Dictionary<Bb84State, double>();
        var s2 = new Dictionary<Bb84State, double>();
        foreach (Bb84State sent in Bb84States.All)
        {
            if (!counts.TryGetValue(sent, out DecoderCounts c))
            {
                problem = $"no counts reported for sent {sent}";
                return null;
            }

            double h = Signal(c.H, darkCountsPerOutput);
            double v = Signal(c.V, darkCountsPerOutput);
            double d = Signal(c.D, darkCountsPerOutput);
            double a = Signal(c.A, darkCountsPerOutput);
            if (h + v < MinimumArmCounts || d + a < MinimumArmCounts)
            {
                problem = $"too few detections for sent {sent} ({c.Total} in all, under {MinimumArmCounts} above dark counts in an analyser arm): is the quantum link up?";
                return null;
            }

            s1[sent] = (h - v) / (h + v);
            s2[sent] = (d - a) / (d + a);
        }

        double b11 = (s1[Bb84State.H] - s1[Bb84State.V]) / 2;
        double b21 = (s2[Bb84State.H] - s2[Bb84State.V]) / 2;
        double b12 = (s1[Bb84State.D] - s1[Bb84State.A]) / 2;
        double b22 = (s2[Bb84State.D] - s2[Bb84State.A]) / 2;
        double frob = (b11 * b11) + (b21 * b21) + (b12 * b12) + (b22 * b22);
        double det = (b11 * b22) - (b12 * b21);
        double v2 = (frob + Math.Sqrt(Math.Max(0, (frob * frob) - (4 * det * det)))) / 2;
        if (!(v2 > 1e-6))
        {
            problem = "the received states carry no polarization (visibility 0)";
            return null;
        }

        double vis = Math.Min(1.0, Math.Sqrt(v2));
        double a11 = b11 / vis, a21 = b21 / vis, a12 = b12 / vis, a22 = b22 / vis;
        double r31 = Math.Sqrt(Math.Max(0, 1 - (a11 * a11) - (a21 * a21)));
        double r32 = Math.Sqrt(Math.Max(0, 1 - (a12 * a12) - (a22 * a22)));
        // Orthogonal columns: a11 a12 + a21 a22 + r31 r32 = 0 fixes the relative sign of the third-row entries.
        if ((a11 * a12) + (a21 * a22) > 0)
        {
            r32 = -r32;
        }

        PoincareRotation rotation = PoincareRotation.Orthonormalised(new StokesVector(a11, a21, r31), new StokesVector(a12, a22, r32));
        PoincareRotation mirror = PoincareRotation.Orthonormalised(new StokesVector(a11, a21, -r31), new StokesVector(a12, a22, -r32));

        var measured = new BasisErrors(
            WrongFraction(counts, Bb84State.H, Bb84State.V, darkCountsPerOutput),
            WrongFraction(counts, Bb84State.D, Bb84State.A, darkCountsPerOutput));
        var channel = new BasisErrors(
            RemoveSource(measured.ZErrorProbability, sourceErrorProbability),
            RemoveSource(measured.XErrorProbability, sourceErrorProbability));
        problem = null;
        return new ChannelEstimate(rotation, mirror, vis, measured, channel);
    }

    private static double Signal(long counts, double dark) => Math.Max(0, counts - dark);

    /// <summary>
    /// Wrong detections over all detections of the basis' arm, for both states of the basis sent. A wrong count below
    /// the fluctuation of the dark counts it was corrected for (one standard deviation, √(2·dark + 1)) cannot be told
    /// from zero, so it is taken at that fluctuation: with few detections the contrast is never over-claimed.
    /// </summary>
    private static double WrongFraction(IReadOnlyDictionary<Bb84State, DecoderCounts> counts, Bb84State zero, Bb84State one, double dark)
    {
        double right = Signal(counts[zero][zero], dark) + Signal(counts[one][one], dark);
        double wrong = Math.Max(Signal(counts[zero][one], dark) + Signal(counts[one][zero], dark), Math.Sqrt((2 * dark) + 1));
        return right + wrong > 0 ? wrong / (right + wrong) : 0.5;
    }

    /// <summary>Inverts e = e_s + e_c − 2 e_s e_c (<see cref="BasisErrors.WithSourceFloor"/>) for e_c, clamped at 0.</summary>
    private static double RemoveSource(double measured, double source) => Math.Max(0, (measured - source) / (1 - (2 * source)));
}
