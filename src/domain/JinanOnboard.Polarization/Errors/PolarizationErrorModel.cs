using JinanOnboard.Polarization.Jones;

namespace JinanOnboard.Polarization.Errors;

/// <summary>
/// Residual misalignment of a compensated channel as per-basis error probabilities for the detection model: for the
/// channel M (source to decoder: fibre, compensator, frame rotation, OGS HWP), e_Z = ½ (|⟨V|M|H⟩|² + |⟨H|M|V⟩|²) and
/// e_X = ½ (|⟨A|M|D⟩|² + |⟨D|M|A⟩|²), normalised by what reaches the basis (exact for lossy M too).
/// </summary>
public static class PolarizationErrorModel
{
    /// <summary>Error probabilities of the channel alone (a perfect source).</summary>
    public static BasisErrors Of(JonesMatrix channel) => new(
        BasisError(channel, JonesVector.Horizontal, JonesVector.Vertical),
        BasisError(channel, JonesVector.Diagonal, JonesVector.AntiDiagonal));

    /// <summary>
    /// Error probabilities of the channel fed by a source of finite polarization contrast
    /// (<paramref name="sourceContrastDb"/>, parameters.md: ~25 dB), combined by <see cref="BasisErrors.WithSourceFloor"/>.
    /// </summary>
    public static BasisErrors Of(JonesMatrix channel, double sourceContrastDb) =>
        Of(channel).WithSourceFloor(BasisErrors.ErrorProbabilityOfContrast(sourceContrastDb));

    private static double BasisError(JonesMatrix m, JonesVector zero, JonesVector one)
    {
        JonesVector a = m * zero;
        JonesVector b = m * one;
        double wrongA = one.Overlap(a) / Math.Max(1e-300, one.Overlap(a) + zero.Overlap(a));
        double wrongB = zero.Overlap(b) / Math.Max(1e-300, one.Overlap(b) + zero.Overlap(b));
        return (wrongA + wrongB) / 2;
    }
}
