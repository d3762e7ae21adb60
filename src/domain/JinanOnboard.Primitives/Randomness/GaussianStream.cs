using System.Runtime.CompilerServices;

namespace JinanOnboard.Primitives.Randomness;

/// <summary>
/// Standard normal deviates from one SplitMix64 stream (the project's generator, seed-derivation.md) by the Marsaglia
/// polar method (Marsaglia &amp; Bray, SIAM Review 6, 1964): two uniforms in the unit disc give two independent deviates.
/// Seeded from a label path under the run seed, so each noise source (the pointing bench's disturbances and cameras) is
/// its own stream. The one normal generator for new code; the channel simulation keeps its own truncated hot-path variant.
/// </summary>
public sealed class GaussianStream
{
    private SplitMix64 _uniform;
    private double _spare;
    private bool _hasSpare;

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
        if (_hasSpare)
        {
            _hasSpare = false;
            return _spare;
        }

        double u;
        double v;
        double s;
        do
        {
            u = (2.0 * _uniform.NextDouble()) - 1.0;
            v = (2.0 * _uniform.NextDouble()) - 1.0;
            s = (u * u) + (v * v);
        }
        while (s >= 1.0 || s == 0.0);

        double factor = Math.Sqrt(-2.0 * Math.Log(s) / s);
        _spare = v * factor;
        _hasSpare = true;
        return u * factor;
    }
}
