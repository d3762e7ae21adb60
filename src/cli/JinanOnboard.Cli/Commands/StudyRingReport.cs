using JinanOnboard.Studies.RingTwinField.Study;

namespace JinanOnboard.Cli.Commands;

/// <summary>Everything <c>jinan study ring</c> prints with --json and writes to ring.json.</summary>
internal sealed record RingReport(
    string ParameterSet, string StationA, string StationB, double AltitudeKm, DateTime EpochUtc, double ObservationHours, double StepS,
    double MinElevationDeg, double GrazingHeightKm, int SmallestRing, double RepetitionRateHz, double BlockSeconds, double MaxLinkLossWithKeyDb,
    string KeyRateModel, string Forwarding, string Security, IReadOnlyList<RingRunResult> Rings, IReadOnlyList<string> Assumed)
{
    public static RingReport From(RingScenario s, RingStudy study, int smallestRing, IReadOnlyList<RingRunResult> rings)
    {
        List<string> assumed =
        [
            $"closure: inter-satellite lines of sight clear {s.GrazingHeightKm} km (the Kármán line by default)",
            "polar ring (the study's Type-I); plane over station A's meridian at the start",
            $"finite-key blocks of {s.BlockSeconds} s of pulses",
            "each key's loss split evenly over its two arms (√η per arm); bridge keys on their two hops' total loss",
            "ground attachment: Gaussian beam from the 27 cm station waist, 1.55 dB zenith atmosphere × airmass, the set's pointing jitter, no turbulence (none in the set)",
            "Bob takes his second-highest satellite when both stations would attach to the same one",
            "day and night count (24 h observation)",
        ];
        assumed.AddRange(s.Settings.AssumedNotes);
        assumed.AddRange(s.RingSet.Assumed.Select(k => $"{k} (parameter set)"));
        return new RingReport(
            s.RingSet.Name, s.StationA.Name, s.StationB.Name, s.Geometry.AltitudeKm, s.EpochUtc, s.ObservationHours, s.StepS, s.MinElevationDeg,
            s.GrazingHeightKm, smallestRing, s.RepetitionRateHz, s.BlockSeconds, study.Rates.MaxLossWithKeyDb,
            "SNS-TF-QKD finite key (models.md §12, Jiang, Yu, Hu & Wang PRApplied 12 024061 (2019)), Chernoff bounds of finite-key.md, per-loss Nelder-Mead over (p_Z, ε, μ_Z, μ_1, μ_2)",
            "XOR forwarding (models.md §9): secret split over the two directed segments; hop value c_j = x ⊕ K_j ⊕ B_j ⊕ B_{j+1} with link keys K_j between neighbours and bridge keys B_j measured by the satellite between their holders",
            "security threshold: the secret falls only if each segment holds two consecutive compromised satellites (3 satellites when one is an attachment, 4 otherwise); GF(2) enumeration of every compromised set agrees on rings up to 12 (and 16 in the tests)",
            rings, assumed);
    }
}
