using JinanOnboard.Physics.Budgets;
using JinanOnboard.Physics.Parameters;
using JinanOnboard.Studies.MdiFeasibility.Geometry;
using JinanOnboard.Studies.MdiFeasibility.KeyRate;

namespace JinanOnboard.Studies.MdiFeasibility.Study;

/// <summary>
/// Turns one window's sampled geometry into losses (models.md §3 through <see cref="LinkBudgetCalculator"/>: diffraction,
/// turbulence with beam wander, optics, antenna, coupling, detection), key and timing (§11). Per slot, the intensities are
/// optimised on the slot's mean transmittances (Zhou, Yu &amp; Wang 2016) and then applied to every sample of the slot, so
/// the optimised key is what a sender fixing its intensities for the slot would get.
/// </summary>
public sealed class MdiWindowEvaluator
{
    private readonly LinkBudgetCalculator _budget;
    private readonly MdiProtocol _protocol;
    private readonly MdiStudyOptions _options;
    private readonly double _wavelengthM;

    /// <summary>Bind to an uplink parameter set (micius-uplink or a sweep copy of it).</summary>
    public MdiWindowEvaluator(PhysicsParameterSet uplinkSet, MdiProtocol protocol, MdiStudyOptions options)
    {
        ArgumentNullException.ThrowIfNull(uplinkSet);
        ArgumentNullException.ThrowIfNull(protocol);
        ArgumentNullException.ThrowIfNull(options);
        if (uplinkSet.Kind != LinkKind.Uplink)
        {
            throw new ArgumentException($"parameter set '{uplinkSet.Name}' is not an uplink set", nameof(uplinkSet));
        }

        options.Validate();
        _budget = new LinkBudgetCalculator(uplinkSet);
        _protocol = protocol;
        _options = options;
        _wavelengthM = uplinkSet.WavelengthM;
    }

    /// <summary>The MDI protocol figures of a parameter set (models.md §11 keys of the Micius-uplink set).</summary>
    public static MdiProtocol ProtocolOf(PhysicsParameterSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        return new MdiProtocol(
            set.Number("protocol.background_yield"),
            set.Number("protocol.dark_count_error_probability"),
            set.Number("protocol.misalignment_error"),
            set.Number("protocol.error_correction_inefficiency"));
    }

    /// <summary>Evaluate one window from its samples (times relative to the window start).</summary>
    public MdiWindowResult Evaluate(CommonWindow window, IReadOnlyList<UplinkPairSample> samples)
    {
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(samples);
        int n = samples.Count;
        var etaA = new double[n];
        var etaB = new double[n];
        var dualDb = new double[n];
        for (int i = 0; i < n; i++)
        {
            UplinkPairSample s = samples[i];
            etaA[i] = Transmittance(s.RangeAKm, s.ElevationADeg);
            etaB[i] = Transmittance(s.RangeBKm, s.ElevationBDeg);
            dualDb[i] = LinkBudget.ToLossDb(etaA[i]) + LinkBudget.ToLossDb(etaB[i]);
        }

        var slots = new List<MdiSlotResult>();
        double pulsesPerSample = _options.PulseRateHz * _options.SampleStepS;
        // Slots are whole multiples of the slot length in UTC, so that windows cut differently (another minimum
        // elevation) share their inner slots and differ only at the edges.
        long slotTicks = (long)Math.Round(_options.SlotS * TimeSpan.TicksPerSecond);
        long SlotOf(int i) => (window.StartUtc.Ticks + (long)Math.Round(samples[i].TimeS * TimeSpan.TicksPerSecond)) / slotTicks;
        for (int first = 0; first < n;)
        {
            int last = first + 1;
            while (last < n && SlotOf(last) == SlotOf(first))
            {
                last++;
            }

            double meanA = 0;
            double meanB = 0;
            for (int i = first; i < last; i++)
            {
                meanA += etaA[i] / (last - first);
                meanB += etaB[i] / (last - first);
            }

            MdiOptimum optimum = MdiIntensityOptimizer.Optimize(meanA, meanB, _protocol);
            double keyOptimised = 0;
            double keyFixed = 0;
            for (int i = first; i < last; i++)
            {
                if (optimum.RatePerPulse > 0)
                {
                    keyOptimised += MdiKeyRate.PerPulse(optimum.Intensities, etaA[i], etaB[i], _protocol) * pulsesPerSample;
                }

                keyFixed += MdiKeyRate.PerPulse(MdiIntensities.Fixed, etaA[i], etaB[i], _protocol) * pulsesPerSample;
            }

            double lossA = LinkBudget.ToLossDb(meanA);
            double lossB = LinkBudget.ToLossDb(meanB);
            slots.Add(new MdiSlotResult(samples[first].TimeS, (last - first) * _options.SampleStepS, lossA, lossB, lossA + lossB, optimum.Intensities, keyOptimised, keyFixed));
            first = last;
        }

        return Summarise(window, samples, dualDb, slots);
    }

    private double Transmittance(double rangeKm, double elevationDeg) => _budget.Compute(rangeKm, elevationDeg).Transmittance;

    private MdiWindowResult Summarise(CommonWindow window, IReadOnlyList<UplinkPairSample> samples, double[] dualDb, List<MdiSlotResult> slots)
    {
        double maxDopplerA = 0;
        double maxDopplerB = 0;
        double maxRelative = 0;
        double minOffset = double.PositiveInfinity;
        double maxOffset = 0;
        double maxOffsetRate = 0;
        for (int i = 0; i < samples.Count; i++)
        {
            UplinkPairSample s = samples[i];
            double dA = UplinkTiming.DopplerShiftHz(s.RangeRateAKmPerS, _wavelengthM);
            double dB = UplinkTiming.DopplerShiftHz(s.RangeRateBKmPerS, _wavelengthM);
            maxDopplerA = Math.Max(maxDopplerA, Math.Abs(dA));
            maxDopplerB = Math.Max(maxDopplerB, Math.Abs(dB));
            maxRelative = Math.Max(maxRelative, Math.Abs(dA - dB));
            double offset = Math.Abs(UplinkTiming.ArrivalOffsetS(s.RangeAKm, s.RangeBKm));
            minOffset = Math.Min(minOffset, offset);
            maxOffset = Math.Max(maxOffset, offset);
            // d(ΔT)/dt = (v_rA − v_rB)/c: how fast the senders' offset must be slewed.
            maxOffsetRate = Math.Max(maxOffsetRate, Math.Abs(s.RangeRateAKmPerS - s.RangeRateBKmPerS) * 1000.0 / UplinkTiming.SpeedOfLightMPerS);
        }

        return new MdiWindowResult(
            window.StartUtc,
            window.EndUtc,
            window.DurationS,
            samples.Max(s => s.ElevationADeg),
            samples.Max(s => s.ElevationBDeg),
            dualDb.Min(),
            LinkBudget.ToLossDb(dualDb.Average(d => LinkBudget.FromLossDb(d))),
            dualDb.Max(),
            slots.Sum(s => s.KeyOptimisedBits),
            slots.Sum(s => s.KeyFixedBits),
            maxDopplerA,
            maxDopplerB,
            maxRelative,
            minOffset * 1e6,
            maxOffset * 1e6,
            maxOffsetRate * 1e9,
            slots);
    }
}
