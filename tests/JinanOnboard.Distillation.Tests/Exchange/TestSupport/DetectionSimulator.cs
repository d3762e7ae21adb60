using JinanOnboard.Primitives.Detections;
using JinanOnboard.Distillation.Exchange;
using JinanOnboard.Source;

namespace JinanOnboard.Distillation.Tests.Exchange.TestSupport;

/// <summary>
/// A simple channel for protocol tests: pulse k is detected with probability 1 − e^{−η μ_k} (photon)
/// plus a dark yield; the measurement basis is random; when it matches, the bit is the sent bit flipped
/// with probability <c>opticalError</c> (photons) or random (dark counts). Intensity-dependent detection
/// is what lets the decoy analysis find single photons.
/// </summary>
internal static class DetectionSimulator
{
    public static List<PulseDetection> Simulate(IPulseRandomStore store, SourceConfiguration source, long pulses, double eta, double darkYield, double opticalError, int seed)
    {
        var random = new Random(seed);
        var detectProbability = new double[3];
        for (int k = 0; k < 3; k++)
        {
            detectProbability[k] = 1 - Math.Exp(-eta * source.MeanPhotonNumber(k));
        }

        var result = new List<PulseDetection>();
        var choices = new PulseChoice[4096];
        for (long first = 0; first < pulses; first += choices.Length)
        {
            int count = (int)Math.Min(choices.Length, pulses - first);
            store.GetChoices(first, choices.AsSpan(0, count));
            for (int i = 0; i < count; i++)
            {
                PulseChoice choice = choices[i];
                double u = random.NextDouble();
                bool photon = u < detectProbability[choice.IntensityIndex];
                if (!photon && u >= detectProbability[choice.IntensityIndex] + darkYield)
                {
                    continue;
                }

                var basis = (PulseBasis)random.Next(2);
                byte bit = basis == choice.Basis && photon
                    ? (byte)(choice.Bit ^ (random.NextDouble() < opticalError ? 1 : 0))
                    : (byte)random.Next(2);
                result.Add(PulseDetection.Of(first + i, (int)basis, bit));
            }
        }

        return result;
    }
}
