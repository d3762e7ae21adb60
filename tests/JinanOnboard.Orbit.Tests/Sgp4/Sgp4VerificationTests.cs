using System.Globalization;
using JinanOnboard.Orbit.Ephemeris;
using JinanOnboard.Orbit.Sgp4;

namespace JinanOnboard.Orbit.Tests.Sgp4;

/// <summary>
/// Every case of Vallado's SGP4-VER.TLE against tcppver.out (AIAA 2006-6753 verification set):
/// positions within 1 mm, velocities within 1 mm/s, and the cases whose output stops early must
/// fail at that time with the same error code.
/// </summary>
public sealed class Sgp4VerificationTests
{
    private const double PositionToleranceKm = 1e-6;
    private const double VelocityToleranceKmPerS = 1e-6;

    /// <summary>
    /// Cases whose tcppver.out output ends in a propagation error, with Vallado's code. tcppver.out prints
    /// no codes, so they come from the case comments in SGP4-VER.TLE ("decayed", "check error code 4", ...)
    /// and the error list python-sgp4 checks against the same files (codes 1,1,6,6,4,3,6 in file order).
    /// </summary>
    private static readonly Dictionary<string, int> ExpectedErrorCodes = new()
    {
        ["22312"] = 1,   // SL-6 R/B, decayed 2006-04-04: mean eccentricity goes below -0.001
        ["28350"] = 1,   // COSMOS 2405, perigee 127 km: mean eccentricity goes below -0.001
        ["28872"] = 6,   // MINOTAUR R/B, sub-orbital: decays within the hour
        ["29141"] = 6,   // SL-14 DEB, last stage of decay
        ["33333"] = 4,   // "check error code 4": semi-latus rectum negative
        ["33334"] = 3,   // "try and check error code 2": fails at epoch with perturbed eccentricity out of range
        ["20413-2"] = 6, // SL-12 R/B far in the future: radius drops below one earth radius
    };

    public static TheoryData<string> CaseIds()
    {
        var data = new TheoryData<string>();
        foreach (VerificationCase c in ValladoVerificationData.All)
        {
            data.Add(c.Id);
        }

        return data;
    }

    [Fact]
    public void Verification_files_hold_all_33_cases()
    {
        Assert.Equal(33, ValladoVerificationData.All.Count);
        Assert.Equal(700 - 33, ValladoVerificationData.All.Sum(c => c.Expected.Count));
    }

    [Theory]
    [MemberData(nameof(CaseIds))]
    public void Reproduces_tcppver(string id)
    {
        VerificationCase c = ValladoVerificationData.Get(id);
        var propagator = new Sgp4Propagator(c.Tle);
        IReadOnlyList<double> grid = c.TimeGrid();
        bool endsInError = ExpectedErrorCodes.TryGetValue(id, out int expectedCode);

        // When the very first call fails, Vallado's driver prints the previous satellite's state again;
        // that line is not a result of this case.
        int printed = c.Expected.Count;
        if (endsInError && printed == 1 && c.Expected[0].TimeMin == 0.0 && IsEchoOfPreviousCase(c))
        {
            printed = 0;
        }

        Assert.True(printed <= grid.Count, $"{id}: {printed} lines printed but only {grid.Count} grid times");
        for (int i = 0; i < printed; i++)
        {
            ExpectedState e = c.Expected[i];
            double t = grid[i];
            Assert.True(Math.Abs(t - e.TimeMin) < 1e-6, $"{id}: grid time {t} but tcppver.out line {i} is at {e.TimeMin}");
            TemeState s = propagator.Propagate(t);
            double dr = (s.PositionKm - new Vec3(e.X, e.Y, e.Z)).Norm;
            double dv = (s.VelocityKmPerS - new Vec3(e.Vx, e.Vy, e.Vz)).Norm;
            Assert.True(dr <= PositionToleranceKm, string.Create(CultureInfo.InvariantCulture,
                $"{id} t={t} min: position off by {dr * 1e6:F3} mm ({s.PositionKm} vs {e.X}, {e.Y}, {e.Z})"));
            Assert.True(dv <= VelocityToleranceKmPerS, string.Create(CultureInfo.InvariantCulture,
                $"{id} t={t} min: velocity off by {dv * 1e6:F3} mm/s"));
        }

        if (!endsInError)
        {
            Assert.Equal(grid.Count, printed);
            return;
        }

        Assert.True(printed < grid.Count, $"{id}: expected an error after line {printed} but the grid has only {grid.Count} times");
        double failTime = grid[printed];
        var ex = Assert.Throws<OrbitPropagationException>(() => propagator.Propagate(failTime));
        Assert.Equal(expectedCode, ex.ErrorCode);
        Assert.Equal(failTime, ex.MinutesSinceEpoch);
    }

    private static bool IsEchoOfPreviousCase(VerificationCase c)
    {
        var all = ValladoVerificationData.All;
        int index = all.ToList().IndexOf(c);
        if (index <= 0 || all[index - 1].Expected.Count == 0)
        {
            return false;
        }

        ExpectedState prev = all[index - 1].Expected[^1];
        ExpectedState now = c.Expected[0];
        return prev.X == now.X && prev.Y == now.Y && prev.Z == now.Z && prev.Vx == now.Vx;
    }
}
