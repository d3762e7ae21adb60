using JinanOnboard.Physics.Parameters;

namespace JinanOnboard.Physics.Budgets;

/// <summary>
/// One link budget: every loss term in dB (positive = loss, 0 where the model has no such term,
/// +∞ for a blocked link) and the total. Terms follow models.md §2 (downlink), §3 (uplink), §4 (inter-satellite).
/// </summary>
public sealed record LinkBudget(
    LinkKind Kind,
    double RangeKm,
    double ElevationDeg,
    double GeometricLossDb,
    double TurbulenceLossDb,
    double AtmosphereLossDb,
    double PointingLossDb,
    double OpticsLossDb,
    double CouplingLossDb,
    double DetectorLossDb,
    double BeamRadiusAtReceiverM,
    double FriedParameterM)
{
    /// <summary>Sum of all terms, dB.</summary>
    public double TotalLossDb => GeometricLossDb + TurbulenceLossDb + AtmosphereLossDb + PointingLossDb + OpticsLossDb + CouplingLossDb + DetectorLossDb;

    /// <summary>End-to-end transmittance 10^(-total/10), including optics and detector efficiency (0 for a blocked link).</summary>
    public double Transmittance => double.IsPositiveInfinity(TotalLossDb) ? 0.0 : Math.Pow(10.0, -TotalLossDb / 10.0);

    /// <summary>Loss in dB of a transmittance (∞ for 0).</summary>
    public static double ToLossDb(double transmittance) =>
        transmittance <= 0 ? double.PositiveInfinity : (-10.0 * Math.Log10(transmittance)) + 0.0; // + 0.0 turns -0 (T = 1) into 0

    /// <summary>Transmittance of a loss in dB.</summary>
    public static double FromLossDb(double lossDb) => Math.Pow(10.0, -lossDb / 10.0);
}
