using JinanOnboard.Primitives.TimeTags;

namespace JinanOnboard.Detection.Tests;

/// <summary>
/// Builds a time-ordered tag stream with known truth: pulses emitted every 1600 ps on the payload
/// clock arrive at local time offset + tau (1 + rate) + accel tau^2 / 2 (TDC offset, TDC drift plus
/// first-order Doppler, and a quadratic Doppler-like rate change), detector jitter, per-detector
/// delays, missing and spurious sync tags and uniform background.
/// </summary>
internal sealed class SyntheticPass
{
    public const double PulsePeriodPs = 1600.0;

    public double OffsetPs { get; init; } = 123_456_789.0;
    public double Rate { get; init; } = 10e-6 - 23e-6;
    public double AccelPerSecond { get; init; } = 1e-6;
    public double DurationSeconds { get; init; } = 1.0;
    public double SignalPerPulse { get; init; } = 2.4e-4;
    public double DetectorJitterFwhmPs { get; init; } = 350.0;
    public double SyncJitterFwhmPs { get; init; } = 100.0;
    public double BackgroundPerSecond { get; init; }
    public double SyncMissFraction { get; init; } = 0.02;
    public int MissingRunStart { get; init; } = 5000;
    public int MissingRunLength { get; init; } = 5;
    public int SpuriousSyncTags { get; init; } = 200;
    public double[] DetectorDelayPs { get; init; } = [20_000.0, 20_150.0, 19_900.0, 20_050.0];
    public long TimeBasePs { get; init; }
    public int Seed { get; init; } = 7;

    public TimeTag[] Tags { get; private set; } = [];
    public Dictionary<long, int> SignalTruth { get; } = [];
    public List<(long Sequence, int Detector, double JitterPs)> Signals { get; } = [];
    public int MissedSyncWords { get; private set; }
    public long BackgroundTags { get; private set; }

    public double LocalTimePs(double emissionPs)
    {
        double emissionS = emissionPs * 1e-12;
        return TimeBasePs + OffsetPs + (emissionPs * (1.0 + Rate)) + (0.5 * AccelPerSecond * emissionS * emissionS * 1e12);
    }

    public double RateAt(double emissionPs) => Rate + (AccelPerSecond * emissionPs * 1e-12);

    public SyntheticPass Build()
    {
        var random = new Random(Seed);
        var tags = new List<TimeTag>();
        double durationPs = DurationSeconds * 1e12;
        long totalPulses = (long)(durationPs / PulsePeriodPs);
        double detectorSigma = DetectorJitterFwhmPs / 2.3548;
        double syncSigma = SyncJitterFwhmPs / 2.3548;

        for (long k = 0; k * SyncSchedule.PulsesPerSyncWord < totalPulses; k++)
        {
            bool inRun = k >= MissingRunStart && k < MissingRunStart + MissingRunLength;
            if (k >= 3 && (inRun || random.NextDouble() < SyncMissFraction))
            {
                MissedSyncWords++;
                continue;
            }

            double t = LocalTimePs(k * SyncSchedule.PulsesPerSyncWord * PulsePeriodPs) + (syncSigma * Gaussian(random));
            tags.Add(new TimeTag(TimeTag.SyncChannel, (long)Math.Round(t)));
        }

        double endLocalPs = LocalTimePs(durationPs);
        double startLocalPs = LocalTimePs(0);
        for (int i = 0; i < SpuriousSyncTags; i++)
        {
            double t = startLocalPs + 1e9 + (random.NextDouble() * (endLocalPs - startLocalPs - 1e9));
            tags.Add(new TimeTag(TimeTag.SyncChannel, (long)t));
        }

        if (SignalPerPulse > 0)
        {
            double logKeep = Math.Log(1.0 - SignalPerPulse);
            long n = 0;
            while (true)
            {
                n += 1 + (long)Math.Floor(Math.Log(1.0 - random.NextDouble()) / logKeep);
                if (n >= totalPulses)
                {
                    break;
                }

                int detector = random.Next(4);
                double jitterPs = detectorSigma * Gaussian(random);
                double t = LocalTimePs(n * PulsePeriodPs) + DetectorDelayPs[detector] + jitterPs;
                tags.Add(new TimeTag(detector, (long)Math.Round(t)));
                SignalTruth[n] = detector;
                Signals.Add((n, detector, jitterPs));
            }
        }

        long backgroundCount = (long)(BackgroundPerSecond * DurationSeconds);
        for (long i = 0; i < backgroundCount; i++)
        {
            double t = startLocalPs + (random.NextDouble() * (endLocalPs - startLocalPs));
            tags.Add(new TimeTag(random.Next(4), (long)t));
        }

        BackgroundTags = backgroundCount;
        TimeTag[] array = [.. tags];
        Array.Sort(array, static (a, b) => a.TimePs.CompareTo(b.TimePs));
        Tags = array;
        return this;
    }

    private static double Gaussian(Random random)
    {
        // Box-Muller.
        double u1 = 1.0 - random.NextDouble();
        double u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
