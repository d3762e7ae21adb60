using BenchmarkDotNet.Attributes;
using JinanOnboard.Orbit.Sgp4;
using JinanOnboard.Orbit.TwoLineElements;

namespace JinanOnboard.Orbit.Benchmarks;

/// <summary>
/// SGP4/SDP4 propagation steps: each operation is one <see cref="Sgp4Propagator.Propagate"/> call, over a
/// one-minute grid spanning a day (so deep-space resonance integration sees realistic step counts).
/// Steps per second = 1e9 / (ns per operation). Target: >= 500,000 per second on one core.
/// Min and median are shown because the bench machine is shared: the fastest iteration is the one
/// least disturbed by other processes and is the better estimate of one core's speed.
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
public class Sgp4PropagationBenchmarks
{
    private const int StepsPerInvoke = 1440;

    private Sgp4Propagator _leo = null!;
    private Sgp4Propagator _molniya = null!;
    private Sgp4Propagator _geo = null!;

    [GlobalSetup]
    public void Setup()
    {
        // From Vallado's SGP4-VER.TLE: CBERS 2 (near-earth, 14.35 rev/day), MOLNIYA 1-83 (12 h resonant,
        // SDP4), ITALSAT 2 (24 h resonant GEO, SDP4).
        _leo = new Sgp4Propagator(Tle.Parse(
            "1 28057U 03049A   06177.78615833  .00000060  00000-0  35940-4 0  1836",
            "2 28057  98.4283 247.6961 0000884  88.1964 271.9322 14.35478080140550"));
        _molniya = new Sgp4Propagator(Tle.Parse(
            "1 21897U 92011A   06176.02341244 -.00001273  00000-0 -13525-3 0  3044",
            "2 21897  62.1749 198.0096 7421690 253.0462  20.1561  2.01269994104880"));
        _geo = new Sgp4Propagator(Tle.Parse(
            "1 24208U 96044A   06177.04061740 -.00000094  00000-0  10000-3 0  1600",
            "2 24208   3.8536  80.0121 0026640 311.0977  48.3000  1.00778054 36119"));
    }

    [Benchmark(OperationsPerInvoke = StepsPerInvoke, Baseline = true)]
    public double LeoNearEarth() => Run(_leo);

    [Benchmark(OperationsPerInvoke = StepsPerInvoke)]
    public double DeepSpaceMolniya12h() => Run(_molniya);

    [Benchmark(OperationsPerInvoke = StepsPerInvoke)]
    public double DeepSpaceGeo24h() => Run(_geo);

    private static double Run(Sgp4Propagator propagator)
    {
        double sum = 0;
        for (int i = 0; i < StepsPerInvoke; i++)
        {
            sum += propagator.Propagate(i).PositionKm.X;
        }

        return sum;
    }
}
