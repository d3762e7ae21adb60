using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using JinanOnboard.Devices.Simulated.PiE727;

namespace JinanOnboard.Devices.Benchmarks;

/// <summary>
/// The simulated E-727's share of a fine-loop tick in the default bench (issue 16), each new path against the one it
/// replaced, in one run:
/// <list type="bullet">
/// <item><see cref="ParseTargetsBcl"/> (baseline) against <see cref="ParseTargetsFast"/>: reading a MOV line's two
/// targets, <c>double.TryParse</c> as before against <see cref="GcsDecimalParser"/>;</item>
/// <item><see cref="ReadTargetsByName"/> (baseline) against <see cref="ReadTargetsAtOnce"/>: the plant model reading
/// both servo targets, <c>TargetOf("1")</c> and <c>TargetOf("2")</c> as before against one <c>CopyTargets</c>.</item>
/// </list>
/// Targets are the same 1024 fine-loop-like values as <see cref="E727MoveBenchmarks"/>, as the driver writes them.
/// Run: <c>dotnet run -c Release --project bench/JinanOnboard.Devices.Benchmarks -- --filter '*E727BenchPath*'</c>.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class E727BenchPathBenchmarks
{
    private const int LinesPerInvoke = 1024;

    private readonly byte[][] _numbers = new byte[2 * LinesPerInvoke][];
    private readonly double[] _targets = new double[2];
    private SimulatedE727 _device = null!;

    [GlobalSetup]
    public void Setup()
    {
        // The same fixed low-discrepancy walk over ±0.5 mrad as E727MoveBenchmarks (no System.Random).
        double phi = (Math.Sqrt(5) - 1) / 2;
        for (int i = 0; i < LinesPerInvoke; i++)
        {
            double x = ((i * phi) % 1.0) - 0.5;
            double y = (((i * phi * phi) + 0.25) % 1.0) - 0.5;
            _numbers[2 * i] = Encoding.ASCII.GetBytes(x.ToString("0.#########", CultureInfo.InvariantCulture));
            _numbers[(2 * i) + 1] = Encoding.ASCII.GetBytes(y.ToString("0.#########", CultureInfo.InvariantCulture));
        }

        _device = new SimulatedE727(new SimulatedE727Options { ServoOnAtStart = true });
        _device.Execute("MOV 1 0.125 2 -0.25");
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = LinesPerInvoke)]
    [BenchmarkCategory("parse")]
    public double ParseTargetsBcl()
    {
        double sum = 0;
        foreach (byte[] number in _numbers)
        {
            double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out double value);
            sum += value;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = LinesPerInvoke)]
    [BenchmarkCategory("parse")]
    public double ParseTargetsFast()
    {
        double sum = 0;
        foreach (byte[] number in _numbers)
        {
            GcsDecimalParser.TryParse(number, out double value);
            sum += value;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = LinesPerInvoke)]
    [BenchmarkCategory("targets")]
    public double ReadTargetsByName()
    {
        double sum = 0;
        for (int i = 0; i < LinesPerInvoke; i++)
        {
            sum += _device.TargetOf("1") + _device.TargetOf("2");
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = LinesPerInvoke)]
    [BenchmarkCategory("targets")]
    public double ReadTargetsAtOnce()
    {
        double sum = 0;
        for (int i = 0; i < LinesPerInvoke; i++)
        {
            _device.CopyTargets(_targets);
            sum += _targets[0] + _targets[1];
        }

        return sum;
    }
}
