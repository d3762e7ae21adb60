using JinanOnboard.QuantumChannel.Profiles;

namespace JinanOnboard.QuantumChannel.Simulation;

/// <summary>Small numeric helpers the BCL lacks in an accurate form.</summary>
internal static class Numerics
{
    /// <summary>
    /// e^x - 1 without cancellation for small |x| (click probabilities near 1e-6 would otherwise lose
    /// half their digits): a four-term series below 1e-3, where its truncation error is under 1e-15 relative.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static double ExpM1(double x)
    {
        if (Math.Abs(x) < 1e-3)
        {
            return x * (1.0 + (x * (0.5 + (x * ((1.0 / 6.0) + (x / 24.0))))));
        }

        return Math.Exp(x) - 1.0;
    }
}
