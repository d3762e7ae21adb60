using System.Runtime.CompilerServices;

namespace JinanOnboard.Primitives.Randomness;

/// <summary>
/// Standard normal deviates from one SplitMix64 stream (the project's generator, seed-derivation.md) by the ziggurat
/// method (Marsaglia &amp; Tsang, "The Ziggurat Method for Generating Random Variables", J. Stat. Softw. 5(8), 2000),
/// 128 layers, with the layer, the sign and the uniform taken from disjoint bits of one 64-bit draw (Doornik, "An
/// Improved Ziggurat Method to Generate Normal Random Samples", 2005: Marsaglia &amp; Tsang's reuse of the same bits for
/// layer and abscissa correlates them). About 98% of deviates cost one draw, a multiply and a compare; only the wedges
/// and the tail beyond R evaluate exp or log. It replaced the Marsaglia polar method (a log, a square root and a
/// division per pair, 1.27 draws per deviate), the largest item of the loops' per-tick cost (issue 16).
/// Seeded from a label path under the run seed, so each noise source (the pointing bench's disturbances and cameras) is
/// its own stream. The one normal generator for new code; the channel simulation keeps its own truncated hot-path variant.
/// </summary>
public sealed class GaussianStream
{
    private SplitMix64 _uniform;

    // The shared tables through instance fields: a method compiled fully optimised at first call would otherwise check
    // on every call that the static class holding them is initialised.
    private readonly double[] _x = Ziggurat.X;
    private readonly double[] _f = Ziggurat.F;

    public GaussianStream(ulong seed) => _uniform = new SplitMix64(seed);

    /// <summary>The stream at derive(<paramref name="runSeed"/>, label) (seed-derivation.md).</summary>
    public static GaussianStream Derived(ulong runSeed, string label) => new(SeedSequence.Derive(runSeed, label));

    /// <summary>Uniform in [0, 1) from the same stream.</summary>
    public double NextUniform() => _uniform.NextDouble();

    /// <summary>A standard normal deviate.</summary>
    // Per fine tick: compiled at first call with inlining across assemblies, which ReadyToRun code lacks (issue 16).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double Next()
    {
        double[] x = _x;
        while (true)
        {
            // One draw: bits 0-6 the layer, bit 7 the sign, the top 53 bits the uniform in [0, 1).
            ulong word = _uniform.Next();
            int layer = (int)(word & (Ziggurat.Layers - 1));
            double u = (word >> 11) * (1.0 / (1UL << 53));
            double z = u * x[layer];
            if (z < x[layer + 1])
            {
                return WithSign(z, word); // inside the layer's rectangle under the curve: most draws end here
            }

            if (layer == 0)
            {
                z = Tail();
            }
            else
            {
                // The wedge between the rectangle and the curve: accept z under f with a second uniform.
                double[] f = _f;
                if (f[layer] + (_uniform.NextDouble() * (f[layer + 1] - f[layer])) >= Ziggurat.Density(z))
                {
                    continue;
                }
            }

            return WithSign(z, word);
        }
    }

    /// <summary>z negated when bit 7 of the draw is set: the bit moved onto the sign bit, as a branch it would mispredict every other deviate.</summary>
    private static double WithSign(double z, ulong word) =>
        BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(z) ^ (long)((word & 0x80) << 56));

    /// <summary>A deviate from the tail beyond R (Marsaglia, Ann. Math. Stat. 35, 1964): two logs, rarely more than once.</summary>
    private double Tail()
    {
        double a;
        double b;
        do
        {
            a = -Math.Log(1.0 - _uniform.NextDouble()) / Ziggurat.R;
            b = -Math.Log(1.0 - _uniform.NextDouble());
        }
        while (b + b < a * a);

        return Ziggurat.R + a;
    }

    /// <summary>The 128-layer table of the normal (Marsaglia &amp; Tsang 2000, R and V from their paper).</summary>
    private static class Ziggurat
    {
        public const int Layers = 128;

        /// <summary>The right edge of the base layer's rectangle; beyond it is the tail.</summary>
        public const double R = 3.442619855899;

        /// <summary>The area of every layer (the base one includes the tail), under the unnormalised density.</summary>
        private const double V = 9.91256303526217e-3;

        /// <summary>x[i] the right edge of layer i, x[i + 1] its inner edge (x[0] = V / f(R): the base layer's virtual width, x[128] = 0).</summary>
        public static readonly double[] X = Build();

        /// <summary>f(x[i]), so a wedge test costs one exp, not three.</summary>
        public static readonly double[] F = [.. X.Select(Density)];

        /// <summary>The unnormalised density exp(−x²/2).</summary>
        public static double Density(double x) => Math.Exp(-0.5 * x * x);

        private static double[] Build()
        {
            var x = new double[Layers + 1];
            x[0] = V / Density(R);
            x[1] = R;
            for (int i = 1; i < Layers - 1; i++)
            {
                // Equal areas: x[i] · (f(x[i + 1]) − f(x[i])) = V.
                x[i + 1] = Math.Sqrt(-2 * Math.Log((V / x[i]) + Density(x[i])));
            }

            x[Layers] = 0;
            return x;
        }
    }
}
