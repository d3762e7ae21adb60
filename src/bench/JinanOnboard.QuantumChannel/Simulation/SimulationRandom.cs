using System.Runtime.CompilerServices;
using JinanOnboard.Primitives.Randomness;

using JinanOnboard.QuantumChannel.Profiles;

namespace JinanOnboard.QuantumChannel.Simulation;

/// <summary>
/// xoshiro256** (Blackman and Vigna, "Scrambled linear pseudorandom number generators", 2021),
/// seeded through SplitMix64 from (run seed, segment index) so each simulation segment has its own
/// reproducible stream, independent of how the caller chunks its reads.
/// </summary>
internal struct SimulationRandom
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;
    private double _spareGaussian;
    private bool _hasSpareGaussian;

    public SimulationRandom(ulong seed, ulong stream)
    {
        var seeder = new SplitMix64(seed ^ (stream * 0xD1B54A32D192ED03UL));
        _s0 = seeder.Next();
        _s1 = seeder.Next();
        _s2 = seeder.Next();
        _s3 = seeder.Next();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong NextUInt64()
    {
        ulong result = BitRotate(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitRotate(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / 9007199254740992.0);

    /// <summary>Uniform in (0, 1], safe to take the logarithm of.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextDoubleNonZero() => ((NextUInt64() >> 11) + 1) * (1.0 / 9007199254740992.0);

    /// <summary>
    /// Standard normal deviate, truncated to ±6 so tags cannot move past the reorder margin. Marsaglia's polar method
    /// (Marsaglia and Bray 1964): a point uniform in the unit disc gives two independent deviates for one logarithm and
    /// one square root, without the sine and cosine of Box-Muller (which were ~6 % of the simulation's time).
    /// </summary>
    public double NextGaussianTruncated()
    {
        if (_hasSpareGaussian)
        {
            _hasSpareGaussian = false;
            return _spareGaussian;
        }

        double u;
        double v;
        double s;
        do
        {
            u = (2.0 * NextDouble()) - 1.0;
            v = (2.0 * NextDouble()) - 1.0;
            s = (u * u) + (v * v);
        }
        while (s >= 1.0 || s == 0.0);

        double factor = Math.Sqrt(-2.0 * Math.Log(s) / s);
        _spareGaussian = Math.Clamp(v * factor, -6.0, 6.0);
        _hasSpareGaussian = true;
        return Math.Clamp(u * factor, -6.0, 6.0);
    }

    private static ulong BitRotate(ulong value, int count) => (value << count) | (value >> (64 - count));
}
