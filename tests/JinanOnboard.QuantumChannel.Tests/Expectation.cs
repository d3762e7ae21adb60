using JinanOnboard.Source;

using JinanOnboard.QuantumChannel.Profiles;
using JinanOnboard.QuantumChannel.Simulation;

namespace JinanOnboard.QuantumChannel.Tests;

/// <summary>Analytic expectations of the per-pulse Poisson channel (models.md section 5, per detector).</summary>
internal static class Expectation
{
    /// <summary>Per-photon probabilities of detectors H, V, D, A for a pulse prepared as H.</summary>
    public static double[] PhotonSplit(double error, double zSplit) =>
        [zSplit * (1 - error), zSplit * error, (1 - zSplit) * 0.5, (1 - zSplit) * 0.5];

    /// <summary>Wrong-detector probability from source contrast and channel error combined.</summary>
    public static double CombinedError(SourceConfiguration source, double channelError)
    {
        double es = source.SourcePolarizationErrorProbability;
        return es + channelError - (2 * es * channelError);
    }

    /// <summary>Probability that a detector receiving a fraction q of the photons clicks (Poisson splitting).</summary>
    public static double ClickProbability(double meanDetectedPhotons, double q) => -ExpM1(-meanDetectedPhotons * q);

    /// <summary>Mean detected photons per pulse of an intensity.</summary>
    public static double MeanDetected(SourceConfiguration source, int intensity, double transmittance, double efficiency) =>
        source.EmittedMeanPhotonNumber(intensity) * transmittance * efficiency;

    private static double ExpM1(double x) => Math.Abs(x) < 1e-5 ? x + (x * x / 2) + (x * x * x / 6) : Math.Exp(x) - 1;
}
