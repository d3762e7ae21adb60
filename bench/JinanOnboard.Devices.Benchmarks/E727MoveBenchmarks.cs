using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using JinanOnboard.Devices.Mirrors.PiE727;
using JinanOnboard.Devices.Simulated.PiE727;

namespace JinanOnboard.Devices.Benchmarks;

/// <summary>
/// One fine-loop MOV of both tilt axes, as <c>jinan apt sim --drivers</c> sends 1.2 M of them per pass (issue 17):
/// <list type="bullet">
/// <item><see cref="MirrorMove"/>: the whole path, <see cref="PiE727Mirror.MoveAsync"/> → driver formatting → in-process
/// cable → simulated E-727 parsing and executing the line (no ERR?, as the bench runs it);</item>
/// <item><see cref="DriverOnly"/>: the driver's half, the controller writing its line into <see cref="Stream.Null"/>;</item>
/// <item><see cref="CableAndSimulatorOnly"/>: the simulator's half, a pre-formatted line written into the cable.</item>
/// </list>
/// Targets cycle through 1024 fine-loop-like values (±0.5 mrad, full double precision, so nine decimals go on the
/// wire), so formatting and parsing see realistic digit counts. Each operation is one MOV; ns/op and bytes/op are the
/// figures issue 17 asks for. Run: <c>dotnet run -c Release --project bench/JinanOnboard.Devices.Benchmarks -- --filter '*'</c>.
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
public class E727MoveBenchmarks
{
    private const int MovesPerInvoke = 1024;
    private const double MicroradiansPerMilliradian = 1000.0;

    private readonly double[] _xMrad = new double[MovesPerInvoke];
    private readonly double[] _yMrad = new double[MovesPerInvoke];
    private readonly byte[][] _lines = new byte[MovesPerInvoke][];
    private readonly GcsAxisValue[] _targets = new GcsAxisValue[2];

    private SimulatedE727Cable _mirrorCable = null!;
    private PiE727Controller _mirrorController = null!;
    private PiE727Mirror _mirror = null!;
    private PiE727Controller _nullController = null!;
    private SimulatedE727Cable _bareCable = null!;

    [GlobalSetup]
    public void Setup()
    {
        // A fixed, hand-rolled sequence (no System.Random): a low-discrepancy walk over ±0.5 mrad.
        double phi = (Math.Sqrt(5) - 1) / 2;
        for (int i = 0; i < MovesPerInvoke; i++)
        {
            _xMrad[i] = ((i * phi) % 1.0) - 0.5;
            _yMrad[i] = (((i * phi * phi) + 0.25) % 1.0) - 0.5;
            _lines[i] = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"MOV 1 {_xMrad[i]:0.#########} 2 {_yMrad[i]:0.#########}\n"));
        }

        var options = new PiE727Options { CheckErrorAfterCommands = false };
        _mirrorCable = new SimulatedE727Cable(new SimulatedE727(new SimulatedE727Options { ServoOnAtStart = true }));
        _mirrorController = new PiE727Controller(_mirrorCable, "bench E-727", shouldDispose: true, options);
        _mirror = PiE727Mirror.ConnectAsync(_mirrorController).GetAwaiter().GetResult();

        _nullController = new PiE727Controller(Stream.Null, "null E-727", shouldDispose: false, options);

        _bareCable = new SimulatedE727Cable(new SimulatedE727(new SimulatedE727Options { ServoOnAtStart = true }));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _mirrorController.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _nullController.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _bareCable.Dispose();
    }

    [Benchmark(OperationsPerInvoke = MovesPerInvoke)]
    public void MirrorMove()
    {
        for (int i = 0; i < MovesPerInvoke; i++)
        {
            _mirror.MoveAsync(_xMrad[i] * MicroradiansPerMilliradian, _yMrad[i] * MicroradiansPerMilliradian).GetAwaiter().GetResult();
        }
    }

    [Benchmark(OperationsPerInvoke = MovesPerInvoke)]
    public void DriverOnly()
    {
        for (int i = 0; i < MovesPerInvoke; i++)
        {
            _targets[0] = new GcsAxisValue("1", _xMrad[i]);
            _targets[1] = new GcsAxisValue("2", _yMrad[i]);
            _nullController.MoveAsync(_targets).GetAwaiter().GetResult();
        }
    }

    [Benchmark(OperationsPerInvoke = MovesPerInvoke)]
    public void CableAndSimulatorOnly()
    {
        for (int i = 0; i < MovesPerInvoke; i++)
        {
            _bareCable.Write(_lines[i]);
        }
    }
}
