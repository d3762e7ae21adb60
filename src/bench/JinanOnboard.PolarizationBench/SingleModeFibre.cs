using System.Numerics;
using JinanOnboard.Polarization.Jones;
using JinanOnboard.Primitives.Randomness;

namespace JinanOnboard.PolarizationBench;

/// <summary>
/// The payload's single-mode fibre between source and telescope as a polarization transformation: a Haar-random SU(2)
/// matrix (a fibre of unknown twist and stress: every output polarization is equally likely), drawn from the run seed's
/// stream <c>polarization.fibre</c> (protocol-spec/seed-derivation.md), then a slow drift: a linear retarder with a
/// random fixed axis whose retardance follows the temperature, δ(t) = κ ΔT(t), with ΔT rising linearly over the pass
/// (κ and the swing are <c>assumed</c> in the physics set's polarization section).
/// </summary>
public sealed class SingleModeFibre
{
    /// <summary>The seed-derivation label of the fibre's stream.</summary>
    public const string SeedLabel = "polarization.fibre";

    private readonly JonesMatrix _atStart;
    private readonly double _driftAxisDegrees;
    private readonly double _driftRadPerKelvin;
    private readonly double _temperatureChangeKelvin;
    private readonly double _passDurationS;

    /// <param name="runSeed">The run seed.</param>
    /// <param name="driftRadPerKelvin">Retardance change per kelvin.</param>
    /// <param name="temperatureChangeKelvin">Temperature change from pass start to end.</param>
    /// <param name="passDurationS">Pass length the change is spread over.</param>
    public SingleModeFibre(ulong runSeed, double driftRadPerKelvin, double temperatureChangeKelvin, double passDurationS)
    {
        SplitMix64 random = SeedSequence.CreateGenerator(runSeed, SeedLabel);
        _atStart = HaarRandom(ref random);
        _driftAxisDegrees = 180.0 * random.NextDouble();
        _driftRadPerKelvin = driftRadPerKelvin;
        _temperatureChangeKelvin = temperatureChangeKelvin;
        _passDurationS = passDurationS > 0 ? passDurationS : 1;
    }

    /// <summary>The fibre's matrix at pass second <paramref name="passSeconds"/>.</summary>
    public JonesMatrix At(double passSeconds)
    {
        double deltaKelvin = _temperatureChangeKelvin * Math.Clamp(passSeconds / _passDurationS, 0, 1);
        return Waveplate.Retarder(_driftAxisDegrees, _driftRadPerKelvin * deltaKelvin) * _atStart;
    }

    /// <summary>
    /// A Haar-random SU(2) element: a uniformly random unit quaternion (four independent normals, normalised;
    /// Marsaglia's construction of a uniform point on S³), U = [[a + ib, c + id], [−c + id, a − ib]].
    /// </summary>
    internal static JonesMatrix HaarRandom(ref SplitMix64 random)
    {
        double a = RandomDraws.StandardNormal(ref random);
        double b = RandomDraws.StandardNormal(ref random);
        double c = RandomDraws.StandardNormal(ref random);
        double d = RandomDraws.StandardNormal(ref random);
        double n = Math.Sqrt((a * a) + (b * b) + (c * c) + (d * d));
        (a, b, c, d) = (a / n, b / n, c / n, d / n);
        return new JonesMatrix(new Complex(a, b), new Complex(c, d), new Complex(-c, d), new Complex(a, -b));
    }
}
