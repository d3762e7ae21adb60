using System.Globalization;
using JinanOnboard.Polarization.Jones;

namespace JinanOnboard.Polarization.Compensation;

/// <summary>
/// Fast-axis angles, degrees from the payload's H, of the compensator's three plates in the order light meets them:
/// first quarter-wave plate, half-wave plate, second quarter-wave plate (system.md §Polarization compensation).
/// </summary>
public readonly record struct CompensatorAngles(double FirstQuarterWaveDegrees, double HalfWaveDegrees, double SecondQuarterWaveDegrees)
{
    /// <summary>All plates at their fast-axis home (0°).</summary>
    public static CompensatorAngles Home => new(0, 0, 0);

    /// <summary>The compensator's Jones matrix: QWP(q2) · HWP(h) · QWP(q1).</summary>
    public JonesMatrix ToJones() =>
        Waveplate.QuarterWave(SecondQuarterWaveDegrees) * Waveplate.HalfWave(HalfWaveDegrees) * Waveplate.QuarterWave(FirstQuarterWaveDegrees);

    /// <summary>
    /// The same plates with each angle folded into [0°, 180°): a plate at θ + 180° is the same plate (its matrix only
    /// changes sign, which no measurement sees).
    /// </summary>
    public CompensatorAngles Folded() => new(Fold(FirstQuarterWaveDegrees), Fold(HalfWaveDegrees), Fold(SecondQuarterWaveDegrees));

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"QWP {FirstQuarterWaveDegrees:F2}°, HWP {HalfWaveDegrees:F2}°, QWP {SecondQuarterWaveDegrees:F2}°");

    private static double Fold(double degrees)
    {
        double r = degrees % 180.0;
        return r < 0 ? r + 180.0 : r;
    }
}
