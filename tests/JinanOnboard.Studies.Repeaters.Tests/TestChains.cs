using JinanOnboard.Studies.Repeaters.Chain;

namespace JinanOnboard.Studies.Repeaters.Tests;

/// <summary>Small hand-made chains whose behaviour has a closed form.</summary>
internal static class TestChains
{
    /// <summary>Settings with one mode per cycle, a perfect memory, deterministic swaps and no cutoff.</summary>
    public static RepeaterSettings Ideal(double swap = 1.0) =>
        new(CoherenceTimeS: double.PositiveInfinity, CutoffS: double.PositiveInfinity, MemoryEfficiency: 1.0, Modes: 1, ModeRateHz: 1e6, SwapSuccessProbability: swap, ErrorCorrectionInefficiency: 1.16);

    /// <summary>A - M - B with the source at the middle node M on both links (a satellite sending to two stations).</summary>
    public static RepeaterChain TwoLinks(double transmittance, double lengthKm, RepeaterSettings settings, double initialError = 0) =>
        new("two-link", [
            new RepeaterLink("A-M", lengthKm, transmittance, EmitterIsLeft: false, initialError),
            new RepeaterLink("M-B", lengthKm, transmittance, EmitterIsLeft: true, initialError),
        ], settings);

    /// <summary>A chain of <paramref name="links"/> equal links, each emitting from its left node.</summary>
    public static RepeaterChain Line(int links, double transmittance, double lengthKm, RepeaterSettings settings, double initialError = 0.01) =>
        new("line", [.. Enumerable.Range(0, links).Select(i => new RepeaterLink($"L{i}", lengthKm, transmittance, EmitterIsLeft: true, initialError))], settings);
}
