using JinanOnboard.Primitives.Numerics;
using JinanOnboard.Polarization.Jones;

namespace JinanOnboard.Polarization.Compensation;

/// <summary>
/// Plate angles of the QWP–HWP–QWP compensator that realise a wanted SU(2) transformation. The gadget reaches every
/// element of SU(2) (Simon &amp; Mukunda, "Minimal three-component SU(2) gadget for polarization optics", Phys. Lett. A
/// 143, 165 (1990)); the angles are found numerically: a 15° grid over the three angles, then a downhill simplex from
/// the best grid points on the infidelity 1 − |tr(U† C)|²/4. Deterministic; a few milliseconds.
/// </summary>
public static class CompensatorSolver
{
    private const double GridStepDegrees = 15.0;
    private const int Starts = 4;

    /// <summary>Angles whose compensator equals <paramref name="target"/> up to a global phase, and the infidelity left (≈ 1e-12).</summary>
    public static (CompensatorAngles Angles, double Infidelity) Solve(JonesMatrix target)
    {
        double Cost(double[] a) => 1.0 - JonesMatrix.ProcessFidelity(target, new CompensatorAngles(a[0], a[1], a[2]).ToJones());

        // Plates repeat every 180°; the grid keeps the best few starting points.
        var best = new List<(double Cost, double[] Point)>();
        for (double q1 = 0; q1 < 180; q1 += GridStepDegrees)
        {
            for (double h = 0; h < 180; h += GridStepDegrees)
            {
                for (double q2 = 0; q2 < 180; q2 += GridStepDegrees)
                {
                    double[] p = [q1, h, q2];
                    double c = Cost(p);
                    if (best.Count < Starts || c < best[^1].Cost)
                    {
                        best.Add((c, p));
                        best.Sort((x, y) => x.Cost.CompareTo(y.Cost));
                        if (best.Count > Starts)
                        {
                            best.RemoveAt(best.Count - 1);
                        }
                    }
                }
            }
        }

        (double[] Point, double Value) winner = (best[0].Point, best[0].Cost);
        foreach ((double _, double[] start) in best)
        {
            (double[] Point, double Value) local = NelderMead.Minimize(Cost, start, GridStepDegrees / 3, 1e-15, 4000);
            if (local.Value < winner.Value)
            {
                winner = local;
            }

            if (winner.Value < 1e-13)
            {
                break;
            }
        }

        return (new CompensatorAngles(winner.Point[0], winner.Point[1], winner.Point[2]).Folded(), Math.Max(0, winner.Value));
    }
}
