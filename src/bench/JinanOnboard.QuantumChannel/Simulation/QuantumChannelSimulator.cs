using JinanOnboard.Primitives.TimeTags;
using JinanOnboard.QuantumChannel.Simulation;
using JinanOnboard.Source;

using JinanOnboard.QuantumChannel.Profiles;

namespace JinanOnboard.QuantumChannel.Simulation;

/// <summary>
/// Event-driven simulation of one pass from source to TDC: it produces, in time order, exactly the
/// time tags a TDC driver would deliver (detectors H, V, D, A on channels 0..3, sync words on 4),
/// without visiting every pulse slot.
/// </summary>
/// <remarks>
/// <para>The pass is cut into segments of <see cref="ChannelSimulationOptions.SegmentPulses"/> pulses.
/// In each segment the profile is interpolated linearly between its boundary samples, so the click
/// probability of pulse k, p_k = 1 - exp(-μ_k η(t_k) η_det) (Poisson photon number, models.md
/// section 5 gain without Y_0), is bounded by p_max built from the largest emitted μ and the larger
/// boundary η. Candidates are drawn with geometric gaps of parameter p_max; each candidate's real
/// intensity is looked up in the store and it is accepted with probability p_k / p_max (thinning).
/// The cost is O(detections + candidates), about detections · p_max / mean p.</para>
/// <para>An accepted pulse draws its detected-photon number from the zero-truncated Poisson law; each
/// photon picks a basis at the passive beam splitter, then a detector: the matching-basis detector
/// is wrong with probability e = e_s + e_ch - 2 e_s e_ch (source contrast e_s, channel e_ch), a
/// mismatched basis gives either detector with probability 1/2. Every detector hit by at least one
/// photon clicks, so multi-photon pulses can produce double clicks; squashing them is the receiver's
/// job (<see cref="DoubleClickSquashing"/>). Each click gets Gaussian jitter.</para>
/// <para>Dark counts and background form a Poisson process per detector in ground time (thinned the
/// same way against the segment's maximum rate). Dead time is non-paralysable and applies to the
/// jittered ground time of the clicks. Sync word w is emitted with pulse w · 65 789 (unless it falls in a
/// configured sync outage) and arrives with the light time and its own Gaussian timing error. Ground time of pulse k is
/// k · period + delay(t_k); the TDC reads OffsetPs + ground · (1 + drift).</para>
/// <para>Randomness comes from a generator seeded per segment from the run seed, so output is
/// identical for a given seed whatever the caller's read sizes.</para>
/// </remarks>
public sealed class QuantumChannelSimulator
{
    /// <summary>Ground-truth value of a tag that does not come from a pulse (dark count or background).</summary>
    public const long NoiseTruth = -1;

    // FWHM = 2 sqrt(2 ln 2) σ for a Gaussian.
    private const double FwhmPerSigma = 2.3548200450309493;

    private readonly IPulseRandomStore _store;
    private readonly IChannelProfile _profile;
    private readonly ChannelSimulationOptions _options;
    private readonly double[] _emittedMeanPhotons = new double[PulseChoice.IntensityCount];
    private readonly double _maxEmittedMeanPhotons;
    private readonly double _sourceError;
    private readonly double _periodPs;
    private readonly long _pulseCount;
    private readonly double _jitterSigmaPs;
    private readonly double _syncSigmaPs;
    private readonly double _reorderMarginPs;
    private readonly double _clockScale;
    private readonly double[] _lastClickPs = [double.NegativeInfinity, double.NegativeInfinity, double.NegativeInfinity, double.NegativeInfinity];

    private ProfileSample? _segmentStart;
    private readonly long _pulsesPerSecond;
    private long _nextPulse;
    private long _segmentIndex;
    private bool _finished;

    private readonly PassInterval[] _syncOutages;

    // Candidate pulses of the segment being generated and what the source sent in each (one batched store lookup).
    private long[] _candidates = new long[1024];
    private PulseChoice[] _candidateChoices = new PulseChoice[1024];

    private PendingTag[] _pending = new PendingTag[4096];

    private int _pendingCount;
    private TimeTag[] _readyTags = new TimeTag[4096];
    private long[] _readyTruth = new long[4096];
    private int _readyStart;
    private int _readyCount;

    /// <summary>Prepares the simulation of one pass; nothing is computed until the first read.</summary>
    /// <param name="store">What the source sent in every pulse slot.</param>
    /// <param name="source">Source settings (intensities, extinction ratio, contrast, repetition rate).</param>
    /// <param name="profile">The channel over the pass.</param>
    /// <param name="options">Detectors, clock, seed and duration.</param>
    /// <exception cref="ArgumentException">A configuration is invalid or the store is too short for the duration.</exception>
    public QuantumChannelSimulator(IPulseRandomStore store, SourceConfiguration source, IChannelProfile profile, ChannelSimulationOptions options)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(options);
        source.ThrowIfInvalid();
        IReadOnlyList<string> errors = options.Detectors.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid detector configuration: " + string.Join(" ", errors), nameof(options));
        }

        if (!(options.DurationSeconds >= 0) || !double.IsFinite(options.DurationSeconds))
        {
            throw new ArgumentException($"DurationSeconds must be finite and >= 0 (got {options.DurationSeconds}).", nameof(options));
        }

        if (options.SegmentPulses < 1)
        {
            throw new ArgumentException("SegmentPulses must be at least 1.", nameof(options));
        }

        if (!(options.Clock.ResolutionPs > 0) || !(options.SyncJitterFwhmPs >= 0) || !(options.Clock.DriftPpm > -1e6))
        {
            throw new ArgumentException("Clock resolution must be positive, sync jitter >= 0 and drift above -1e6 ppm.", nameof(options));
        }

        _store = store;
        _profile = profile;
        _options = options;
        for (int i = 0; i < PulseChoice.IntensityCount; i++)
        {
            _emittedMeanPhotons[i] = source.EmittedMeanPhotonNumber(i);
        }

        _maxEmittedMeanPhotons = _emittedMeanPhotons.Max();
        _sourceError = source.SourcePolarizationErrorProbability;
        _periodPs = source.PulsePeriodPs;
        _pulseCount = (long)Math.Floor(options.DurationSeconds * source.RepetitionRateHz);
        _pulsesPerSecond = (long)Math.Round(source.RepetitionRateHz);
        if (_pulseCount > store.PulseCapacity)
        {
            throw new ArgumentException($"The pass needs {_pulseCount} pulses but the random store holds {store.PulseCapacity}.", nameof(store));
        }

        _jitterSigmaPs = options.Detectors.JitterFwhmPs / FwhmPerSigma;
        _syncSigmaPs = options.SyncJitterFwhmPs / FwhmPerSigma;

        // Tags are shifted by at most 6 σ (truncated Gaussian), so anything older than the next
        // segment's start minus this margin can no longer be overtaken.
        _reorderMarginPs = (6.0 * Math.Max(_jitterSigmaPs, _syncSigmaPs)) + 1000.0;
        _clockScale = 1.0 + (options.Clock.DriftPpm * 1e-6);
        _syncOutages = [.. options.SyncOutages];
        // The profile is first read by the first segment, not here: a profile may wait for the pass (the firmware's plates).
        _finished = _pulseCount == 0;
    }

    /// <summary>Number of pulse slots in the simulated pass.</summary>
    public long PulseCount => _pulseCount;

    /// <summary>True once every tag of the pass has been read.</summary>
    public bool IsComplete => _finished && _readyCount == 0;

    /// <summary>Counts of what has been generated so far.</summary>
    public ChannelSimulationStatistics Statistics { get; } = new();

    /// <summary>Reads the next tags in time order; returns how many were written (0 at the end of the pass).</summary>
    public int Read(Span<TimeTag> destination) => ReadWithTruth(destination, []);

    /// <summary>
    /// Reads the next tags with their ground truth, for validation only: the pulse sequence number a
    /// detector tag comes from (<see cref="NoiseTruth"/> for dark counts and background), or the pulse
    /// a sync tag marks. Pass an empty <paramref name="truth"/> to skip it.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="truth"/> is neither empty nor as long as <paramref name="destination"/>.</exception>
    // Hot loop: compiled at first use rather than taken from the ReadyToRun image, whose code cannot inline across
    // assemblies or use the machine's full instruction set, and with tiering off would never be replaced.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public int ReadWithTruth(Span<TimeTag> destination, Span<long> truth)
    {
        if (!truth.IsEmpty && truth.Length < destination.Length)
        {
            throw new ArgumentException("The truth buffer must be empty or at least as long as the tag buffer.", nameof(truth));
        }

        int written = 0;
        while (written < destination.Length)
        {
            if (_readyCount == 0)
            {
                if (_finished)
                {
                    break;
                }

                _readyStart = 0;
                ProcessSegment();
                continue;
            }

            int count = Math.Min(destination.Length - written, _readyCount);
            _readyTags.AsSpan(_readyStart, count).CopyTo(destination[written..]);
            if (!truth.IsEmpty)
            {
                _readyTruth.AsSpan(_readyStart, count).CopyTo(truth[written..]);
            }

            _readyStart += count;
            _readyCount -= count;
            written += count;
        }

        return written;
    }

    private void ProcessSegment()
    {
        long first = _nextPulse;
        long end = Math.Min(first + _options.SegmentPulses, _pulseCount);
        ProfileSample start = _segmentStart ?? Sample(first);
        ProfileSample stop = Sample(end);
        var random = new SimulationRandom(_options.Seed, (ulong)_segmentIndex);
        var segment = new Segment(first, end, start, stop);

        GenerateDetections(segment, ref random);
        GenerateNoise(segment, ref random);
        if (_options.EmitSyncWords)
        {
            GenerateSyncWords(segment, ref random);
        }

        bool last = end >= _pulseCount;
        double releaseBeforePs = last ? double.PositiveInfinity : GroundTimePs(end, stop.DelayPs) - _reorderMarginPs;
        Release(releaseBeforePs);

        Statistics.PulsesSimulated = end;
        _segmentStart = stop;
        _nextPulse = end;
        _segmentIndex++;
        _finished = last;
    }

    // Hot loop: compiled at first use rather than taken from the ReadyToRun image, whose code cannot inline across
    // assemblies or use the machine's full instruction set, and with tiering off would never be replaced.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private void GenerateDetections(in Segment segment, ref SimulationRandom random)
    {
        double efficiency = _options.Detectors.Efficiency;
        double zSplit = _options.Detectors.ZBasisSplitRatio;
        double maxTransmittance = Math.Max(segment.Start.Transmittance, segment.Stop.Transmittance);
        double maxClickProbability = -Numerics.ExpM1(-_maxEmittedMeanPhotons * maxTransmittance * efficiency);
        if (!(maxClickProbability > 0))
        {
            return;
        }

        // Geometric gaps: the number of misses before the next candidate is floor(ln U / ln(1 - p_max)). All candidates
        // of the segment first, then one batched look-up of what the source sent in them (SIMD Philox, four at a time),
        // then thinning and detection candidate by candidate.
        // ln(1 − p) by its series below 1e-8: for p under the double's epsilon 1 − p rounds to 1 and the log to 0, which
        // made the gap infinite (a pointing loop far off target gives such p); the series is exact to p³ there.
        double logMiss = maxClickProbability < 1e-8
            ? -maxClickProbability * (1.0 + (0.5 * maxClickProbability))
            : Math.Log(1.0 - maxClickProbability);
        double perLogMiss = 1.0 / logMiss;
        int candidates = 0;
        long pulse = segment.First - 1;
        while (true)
        {
            double misses = Math.Log(random.NextDoubleNonZero()) * perLogMiss;
            if (misses >= segment.End - pulse - 1)
            {
                break;
            }

            pulse += (long)misses + 1;
            if (candidates == _candidates.Length)
            {
                Array.Resize(ref _candidates, candidates * 2);
                Array.Resize(ref _candidateChoices, candidates * 2);
            }

            _candidates[candidates++] = pulse;
        }

        _store.GetChoicesAt(_candidates.AsSpan(0, candidates), _candidateChoices);
        double perPulse = 1.0 / (segment.End - segment.First);
        for (int c = 0; c < candidates; c++)
        {
            pulse = _candidates[c];
            PulseChoice choice = _candidateChoices[c];
            double fraction = (pulse - segment.First) * perPulse;
            double transmittance = Lerp(segment.Start.Transmittance, segment.Stop.Transmittance, fraction);
            double meanDetected = _emittedMeanPhotons[choice.IntensityIndex] * transmittance * efficiency;
            double clickProbability = -Numerics.ExpM1(-meanDetected);
            if (random.NextDouble() * maxClickProbability >= clickProbability)
            {
                continue;
            }

            int photons = SampleZeroTruncatedPoisson(meanDetected, clickProbability, ref random);
            double channelError = Lerp(segment.Start.PolarizationError, segment.Stop.PolarizationError, fraction);
            double error = _sourceError + channelError - (2.0 * _sourceError * channelError);
            int hitMask = 0;
            for (int photon = 0; photon < photons; photon++)
            {
                hitMask |= 1 << DetectorFor(choice, error, zSplit, ref random);
            }

            Statistics.CountDetectedPulse((int)(pulse / _pulsesPerSecond));
            if (photons > 1)
            {
                Statistics.MultiPhotonDetectedPulses++;
            }

            if ((hitMask & 0b0011) == 0b0011 || (hitMask & 0b1100) == 0b1100)
            {
                Statistics.DoubleClickPulses++;
            }

            double arrivalPs = GroundTimePs(pulse, Lerp(segment.Start.DelayPs, segment.Stop.DelayPs, fraction));
            for (int mask = hitMask; mask != 0; mask &= mask - 1)
            {
                // Clicked detectors in channel order, without a (mispredicted) test per channel.
                int channel = System.Numerics.BitOperations.TrailingZeroCount(mask);
                AddPending(new PendingTag(arrivalPs + (_jitterSigmaPs * random.NextGaussianTruncated()), channel, pulse));
            }
        }
    }

    private void GenerateNoise(in Segment segment, ref SimulationRandom random)
    {
        double dark = _options.Detectors.DarkCountRateHz;
        double maxPerDetectorHz = dark + Math.Max(segment.Start.BackgroundHz, segment.Stop.BackgroundHz);
        if (!(maxPerDetectorHz > 0))
        {
            return;
        }

        // Ground-time interval of this segment; consecutive segments tile ground time exactly.
        double startPs = GroundTimePs(segment.First, segment.Start.DelayPs);
        double endPs = GroundTimePs(segment.End, segment.Stop.DelayPs);
        double totalRatePerPs = TimeTag.DetectorChannelCount * maxPerDetectorHz * 1e-12;
        double timePs = startPs;
        while (true)
        {
            timePs -= Math.Log(random.NextDoubleNonZero()) / totalRatePerPs;
            if (timePs >= endPs)
            {
                break;
            }

            double rateHz = dark + Lerp(segment.Start.BackgroundHz, segment.Stop.BackgroundHz, (timePs - startPs) / (endPs - startPs));
            ulong draw = random.NextUInt64();
            if ((draw >> 11) * (1.0 / 9007199254740992.0) * maxPerDetectorHz >= rateHz)
            {
                continue;
            }

            // The low two bits are independent of the 53 bits used for acceptance.
            AddPending(new PendingTag(timePs, (int)(draw & 3), NoiseTruth));
        }
    }

    // Hot loop: compiled at first use rather than taken from the ReadyToRun image, whose code cannot inline across
    // assemblies or use the machine's full instruction set, and with tiering off would never be replaced.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private void GenerateSyncWords(in Segment segment, ref SimulationRandom random)
    {
        long perWord = SyncSchedule.PulsesPerSyncWord;
        double span = segment.End - segment.First;
        for (long word = (segment.First + perWord - 1) / perWord; word * perWord < segment.End; word++)
        {
            long pulse = SyncSchedule.PulseOfSyncWord(word);
            if (InSyncOutage(pulse * _periodPs * 1e-12))
            {
                continue;
            }

            double delayPs = Lerp(segment.Start.DelayPs, segment.Stop.DelayPs, (pulse - segment.First) / span);
            AddPending(new PendingTag(GroundTimePs(pulse, delayPs) + (_syncSigmaPs * random.NextGaussianTruncated()), TimeTag.SyncChannel, pulse));
        }
    }

    private bool InSyncOutage(double passSeconds)
    {
        // An array, not the options' IReadOnlyList: enumerating the interface allocated an enumerator per sync word.
        foreach (PassInterval outage in _syncOutages)
        {
            if (outage.Contains(passSeconds))
            {
                return true;
            }
        }

        return false;
    }

    // Hot loop: compiled at first use rather than taken from the ReadyToRun image, whose code cannot inline across
    // assemblies or use the machine's full instruction set, and with tiering off would never be replaced.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private void Release(double releaseBeforePs)
    {
        Span<PendingTag> pending = _pending.AsSpan(0, _pendingCount);
        SortByGroundTime(pending);
        double deadTimePs = _options.Detectors.DeadTimePs;
        int index = 0;
        for (; index < pending.Length && pending[index].GroundTimePs < releaseBeforePs; index++)
        {
            PendingTag tag = pending[index];
            if (tag.Channel < TimeTag.DetectorChannelCount)
            {
                if (tag.GroundTimePs - _lastClickPs[tag.Channel] < deadTimePs)
                {
                    Statistics.DeadTimeSuppressedClicks++;
                    continue;
                }

                _lastClickPs[tag.Channel] = tag.GroundTimePs;
                if (tag.Truth == NoiseTruth)
                {
                    Statistics.NoiseTags++;
                }
                else
                {
                    Statistics.SignalTags++;
                }
            }
            else
            {
                Statistics.SyncTags++;
            }

            AppendReady(new TimeTag(tag.Channel, ToTdcPs(tag.GroundTimePs)), tag.Truth);
        }

        pending[index..].CopyTo(_pending);
        _pendingCount = pending.Length - index;
    }

    /// <summary>
    /// Stable insertion sort by ground time. The pending tags are a few sorted runs (the held-back tail of the last
    /// segment, detections in pulse order with jitter far below the pulse spacing of candidates, noise, sync words), so
    /// the cost is the tags plus the crossings between runs, a few hundred moves per segment: cheaper than the general
    /// sort (~8 % of the simulation), and in-place on the tags themselves.
    /// </summary>
    private static void SortByGroundTime(Span<PendingTag> tags)
    {
        for (int i = 1; i < tags.Length; i++)
        {
            PendingTag tag = tags[i];
            int j = i - 1;
            if (tags[j].GroundTimePs <= tag.GroundTimePs)
            {
                continue;
            }

            do
            {
                tags[j + 1] = tags[j];
                j--;
            }
            while (j >= 0 && tags[j].GroundTimePs > tag.GroundTimePs);

            tags[j + 1] = tag;
        }
    }

    private long ToTdcPs(double groundPs)
    {
        double resolution = _options.Clock.ResolutionPs;
        double tdcPs = _options.Clock.OffsetPs + (groundPs * _clockScale);
        return resolution == 1.0 ? (long)Math.Round(tdcPs) : (long)(Math.Round(tdcPs / resolution) * resolution);
    }

    private double GroundTimePs(long pulse, double delayPs) => (pulse * _periodPs) + delayPs;

    private ProfileSample Sample(long pulse)
    {
        double passSeconds = pulse * _periodPs * 1e-12;
        double transmittance = _profile.TransmittanceAt(passSeconds);
        double background = _profile.BackgroundRatePerDetectorHz(passSeconds);
        double polarizationError = _profile.PolarizationErrorAt(passSeconds);
        double delaySeconds = _profile.OneWayDelaySecondsAt(passSeconds);
        if (!(transmittance >= 0 && transmittance <= 1) || !(background >= 0) || !double.IsFinite(background)
            || !(polarizationError >= 0 && polarizationError <= 0.5) || !(delaySeconds >= 0) || !double.IsFinite(delaySeconds))
        {
            throw new InvalidOperationException(
                $"Channel profile out of range at {passSeconds} s: transmittance {transmittance}, background {background} Hz, polarization error {polarizationError}, delay {delaySeconds} s.");
        }

        return new ProfileSample(transmittance, background, polarizationError, delaySeconds * 1e12);
    }

    private void AddPending(PendingTag tag)
    {
        if (_pendingCount == _pending.Length)
        {
            Array.Resize(ref _pending, _pending.Length * 2);
        }

        _pending[_pendingCount++] = tag;
    }

    private void AppendReady(TimeTag tag, long truth)
    {
        int at = _readyStart + _readyCount;
        if (at == _readyTags.Length)
        {
            Array.Resize(ref _readyTags, _readyTags.Length * 2);
            Array.Resize(ref _readyTruth, _readyTruth.Length * 2);
        }

        _readyTags[at] = tag;
        _readyTruth[at] = truth;
        _readyCount++;
    }

    /// <summary>Detector channel (0 H, 1 V, 2 D, 3 A) one detected photon of <paramref name="choice"/> lands on.</summary>
    private static int DetectorFor(PulseChoice choice, double error, double zSplit, ref SimulationRandom random)
    {
        PulseBasis measured = random.NextDouble() < zSplit ? PulseBasis.Z : PulseBasis.X;
        int bit = measured == choice.Basis
            ? choice.Bit ^ (random.NextDouble() < error ? 1 : 0)
            : (int)(random.NextUInt64() >> 63);
        return (measured == PulseBasis.X ? 2 : 0) + bit;
    }

    /// <summary>Photon number n >= 1 from a Poisson law of mean λ conditioned on n >= 1 (inverse CDF).</summary>
    private static int SampleZeroTruncatedPoisson(double mean, double probabilityAtLeastOne, ref SimulationRandom random)
    {
        double target = random.NextDouble() * probabilityAtLeastOne;

        // P(n = 1) = λ e^(-λ), and e^(-λ) = 1 - P(n >= 1) is already known.
        double term = (1.0 - probabilityAtLeastOne) * mean;
        double cumulative = term;
        int photons = 1;
        while (cumulative < target && photons < 1000)
        {
            photons++;
            term *= mean / photons;
            cumulative += term;
        }

        return photons;
    }

    private static double Lerp(double start, double end, double fraction) => start + ((end - start) * fraction);

    private readonly record struct Segment(long First, long End, ProfileSample Start, ProfileSample Stop);
}
