using JinanOnboard.Orbit.Sites;
using JinanOnboard.Orbit.Synthetic;
using JinanOnboard.Physics.Parameters;
using JinanOnboard.Physics.Timeline;
using JinanOnboard.Polarization.Jones;
using JinanOnboard.PolarizationBench;
using JinanOnboard.Primitives.Randomness;

namespace JinanOnboard.Polarization.Tests;

/// <summary>Shared fixtures: random unitaries and the default pass (60° over Jinan, 300 s around culmination).</summary>
internal static class TestChannels
{
    public static readonly DateTime Culmination = new(2026, 1, 15, 14, 30, 0, DateTimeKind.Utc);

    private static readonly Lazy<PhysicsParameterSet> Jinan1 = new(() => PhysicsParameterSet.Named("jinan1"));

    public static PhysicsParameterSet Physics => Jinan1.Value;

    public static JonesMatrix RandomUnitary(ulong seed)
    {
        SplitMix64 random = SeedSequence.CreateGenerator(seed, "test.unitary");
        return SingleModeFibre.HaarRandom(ref random);
    }

    /// <summary>The pass a run emulates by default (configs/default.json): 300 s around a 60° culmination over Jinan.</summary>
    public static PassTimeline Pass(double maxElevationDeg = 60, double durationS = 300)
    {
        GroundSite site = GroundSite.Parse("Jinan");
        CircularOrbit orbit = SyntheticPass.Create(site, maxElevationDeg, Culmination);
        DateTime start = Culmination.AddSeconds(-durationS / 2);
        return PassTimeline.Create(orbit, site, start, start.AddSeconds(durationS), Physics, new PassTimelineOptions { StepS = 10 });
    }
}
