using JinanOnboard.Studies.MdiFeasibility.KeyRate;
using JinanOnboard.Studies.MdiFeasibility.Study;

namespace JinanOnboard.Cli.Commands;

/// <summary>One window of <c>jinan study mdi</c>'s JSON (slots included).</summary>
internal sealed record MdiWindowRow(
    DateTime StartUtc, DateTime EndUtc, double DurationS, double MaxElevationADeg, double MaxElevationBDeg,
    double MinDualLossDb, double MeanDualLossDb, double MaxDualLossDb, double KeyOptimisedBits, double KeyFixedBits,
    double MaxDopplerAHz, double MaxDopplerBHz, double MaxRelativeDopplerHz, double MinArrivalOffsetUs, double MaxArrivalOffsetUs,
    double MaxArrivalOffsetRateNsPerS, IReadOnlyList<MdiSlotRow> Slots);

/// <summary>One optimisation slot in the JSON.</summary>
internal sealed record MdiSlotRow(double StartS, double DurationS, double MeanLossADb, double MeanLossBDb, double MeanDualLossDb, double MuA, double NuA, double MuB, double NuB, double KeyOptimisedBits, double KeyFixedBits);

/// <summary>A sweep in the JSON.</summary>
internal sealed record MdiSweepReport(string Parameter, string Unit, IReadOnlyList<MdiSweepPoint> Points);

/// <summary>Everything <c>jinan study mdi</c> prints with --json and writes to mdi.json.</summary>
internal sealed record MdiReport(
    string SiteA, string SiteB, string Orbit, string ParameterSet, double MinElevationDeg, double SlotS, double PulseRateHz,
    string KeyRateModel, double MaxTolerableDualLossDb, double MaxTolerableDualLossFixedDb, double MinDualLossDb, bool Feasible, double InfeasibleByDb, string Verdict,
    IReadOnlyList<MdiWindowRow> Windows, MdiSweepReport? Sweep, IReadOnlyList<string> Assumed)
{
    public static MdiReport From(MdiScenario scenario, MdiStudyOptions options, MdiEvaluation e, MdiSweepParameter? sweep, IReadOnlyList<MdiSweepPoint>? points)
    {
        string orbit = scenario.Orbit switch
        {
            MdiOrbitSource.FromEphemeris t => $"TLE {t.Name} ({t.FromUtc:yyyy-MM-ddTHH:mm}Z to {t.ToUtc:yyyy-MM-ddTHH:mm}Z)",
            MdiOrbitSource.Circular c => $"circular {c.AltitudeKm} km Sun-synchronous orbit culminating at {MdiScenario.CulminationElevationDeg} deg over the sites' midpoint at local midnight of {c.NightOfUtc:yyyy-MM-dd}",
            _ => "orbit",
        };
        var windows = e.Windows.Select(w => new MdiWindowRow(
            w.StartUtc, w.EndUtc, w.DurationS, w.MaxElevationADeg, w.MaxElevationBDeg, w.MinDualLossDb, w.MeanDualLossDb, w.MaxDualLossDb,
            w.KeyOptimisedBits, w.KeyFixedBits, w.MaxDopplerAHz, w.MaxDopplerBHz, w.MaxRelativeDopplerHz, w.MinArrivalOffsetUs, w.MaxArrivalOffsetUs,
            w.MaxArrivalOffsetRateNsPerS,
            [.. w.Slots.Select(s => new MdiSlotRow(s.StartS, s.DurationS, s.MeanLossADb, s.MeanLossBDb, s.MeanDualLossDb, s.Optimised.MuA, s.Optimised.NuA, s.Optimised.MuB, s.Optimised.NuB, s.KeyOptimisedBits, s.KeyFixedBits))])).ToList();
        List<string> assumed =
        [
            $"pulse-pair rate {options.PulseRateHz:G3} Hz (the study gives none; Micius's 100 MHz source)",
            "dark-count probability per detector and pulse = the set's background yield 3e-6",
            "efficient MDI: no basis-sifting factor on the asymptotic rate",
            "satellite pass: night-only for both sites (Sun below -12 deg), as models.md §1",
        ];
        assumed.AddRange(scenario.UplinkSet.Assumed.Select(k => $"{k} (parameter set)"));
        return new MdiReport(
            scenario.SiteA.Name, scenario.SiteB.Name, orbit, scenario.UplinkSet.Name, scenario.MinElevationDeg, options.SlotS, options.PulseRateHz,
            "asymptotic decoy-state MDI (models.md §11): Xu, Curty, Qi & Lo NJP 15 113007 (2013) channel model; Y_11, e_11 by the vacuum + weak-decoy analytic bounds of Xu, Xu & Lo PRA 89 052333 (2014) for independent intensities; per-slot Nelder-Mead over (μ_A, ν_A, μ_B, ν_B) (Zhou, Yu & Wang PRA 93 042324 (2016)) against fixed μ = 0.5, ν = 0.1, ω = 0",
            e.MaxTolerableDualLossDb, e.MaxTolerableDualLossFixedDb, e.MinDualLossDb, e.Feasible, e.InfeasibleByDb, e.Verdict, windows,
            sweep is MdiSweepParameter p && points is not null ? new MdiSweepReport(p.ToString().ToLowerInvariant(), MdiSweep.Unit(p), points) : null,
            assumed);
    }
}
