using BenchmarkDotNet.Attributes;
using JinanOnboard.Physics.Parameters;
using JinanOnboard.PointingBench;

namespace JinanOnboard.Devices.Benchmarks;

/// <summary>
/// One fine tick of one end's pointing, everything the bench does for it (issue 16: the default bench with loops on must
/// stay within 10 % of loops off, and <c>jinan apt sim</c> must run 300 s in under 1 s): both ends' APT over
/// <see cref="Seconds"/> of the default pass, plants, disturbances, cameras, the four loops, and the fast steering mirrors
/// either through the PI E-727 driver to the simulated controller (<see cref="ThroughDrivers"/>, the bench's default) or
/// as the plant model directly (<see cref="Bypassed"/>). Each operation is one fine tick of one end (2 ends × 2000 Hz).
/// Run: <c>make bench-micro FILTER='*AptFineTick*'</c>.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class AptFineTickBenchmarks
{
    private const double Seconds = 2;
    private const int FineTicks = (int)(2 * 2000 * Seconds);

    private PhysicsParameterSet _physics = null!;

    [GlobalSetup]
    public void Setup() => _physics = PhysicsParameterSet.Named("jinan1");

    [Benchmark(Baseline = true, OperationsPerInvoke = FineTicks)]
    public double Bypassed() => Run(drivers: false);

    [Benchmark(OperationsPerInvoke = FineTicks)]
    public double ThroughDrivers() => Run(drivers: true);

    private double Run(bool drivers) =>
        new AptSimulation(_physics, new AptSimulationOptions { Seconds = Seconds, Seed = 1, Drivers = drivers }).Run().Loops[1].RmsUrad;
}
