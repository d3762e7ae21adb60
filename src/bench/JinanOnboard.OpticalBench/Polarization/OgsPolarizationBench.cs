using JinanOnboard.Primitives.Numerics;
using JinanOnboard.Config.Model;
using JinanOnboard.Devices.Simulated.Elliptec;
using JinanOnboard.Devices.Waveplates;
using JinanOnboard.OpticalBench.Pointing;
using JinanOnboard.Physics.Parameters;
using JinanOnboard.Physics.Timeline;
using JinanOnboard.Polarization;
using JinanOnboard.Polarization.Calibration;
using JinanOnboard.Polarization.Compensation;
using JinanOnboard.Polarization.Errors;
using JinanOnboard.Polarization.Geometry;
using JinanOnboard.Polarization.Jones;
using JinanOnboard.PolarizationBench;

namespace JinanOnboard.OpticalBench.Polarization;

/// <summary>The payload's calibration result as the ground firmware received it (contrasts estimated from counts).</summary>
public sealed record ReportedCalibration(bool Succeeded, string Reason, int Iterations, int Rounds, CompensatorAngles Angles, double ContrastZDb, double ContrastXDb);

/// <summary>
/// The OGS half of the bench's polarization (system.md §Polarization compensation, Jones calculus): the light's path
/// W(φ) · R(ψ(t)) · C · F(t) from the source fibre F (seeded, drifting; <see cref="SingleModeFibre"/>) through the
/// payload's compensator plates C — where the payload half says they really are, in its plates records on the optical
/// path — the frame rotation ψ of the pass and the OGS half-wave plate W, a simulated ELL14 at address 0 of an in-process
/// line moved by the ground firmware through the real driver, at the angle the mount really reached. It counts the
/// reference states at the simulated decoder for the firmware's calibration (before the window, at pass time 0) and gives
/// the light simulation the channel's error for every second of the QKD window, with the plates of the key-mode record
/// and the OGS plate where the firmware set it for that second. Queries wait for the payload's record and for the
/// firmware's plate (as fast as possible the simulation may run ahead of both); every wait is released when the path
/// ends, the firmware's following ends, or the bench is disposed.
/// </summary>
public sealed class OgsPolarizationBench : IPolarizationChannel, IAsyncDisposable
{
    /// <summary>How long the decoder waits, wall clock, for the plates record of a reference state (the payload sends it before its request).</summary>
    public static readonly TimeSpan ReferenceRecordTimeout = TimeSpan.FromSeconds(5);

    /// <summary>How long the light waits, wall clock, for the key-mode plates record (sent before PassStart) before taking the last plates it knows.</summary>
    public static readonly TimeSpan KeyRecordTimeout = TimeSpan.FromSeconds(30);

    private readonly PolarizationSettings _settings;
    private readonly PassFrameRotationTable _table;
    private readonly SingleModeFibre _fibre;
    private readonly SimulatedDecoder _decoder;
    private readonly WaveplateMounts _line;
    private readonly object _gate = new();
    private readonly double[] _halfWaveDegPerSecond;
    private readonly double[] _errorPerSecond;
    private bool _followingEnded;
    private CompensatorAngles? _keyPlates;
    private string? _keyPlatesNote;
    private int _counted;
    private ReportedCalibration? _payloadResult;

    private OgsPolarizationBench(PolarizationSettings settings, PassFrameRotationTable table, ulong seed, WaveplateMounts line)
    {
        _settings = settings;
        _table = table;
        _line = line;
        _fibre = new SingleModeFibre(seed, settings.FibreDriftRadPerKelvin, settings.FibreTemperatureChangeKelvin, table.Count - 1);
        _decoder = new SimulatedDecoder(seed, settings.CalibrationDetectionsPerState, settings.DarkCountsPerS * settings.CalibrationStepS, settings.SourceContrastDb);
        _halfWaveDegPerSecond = Enumerable.Repeat(double.NaN, table.Count).ToArray();
        _errorPerSecond = Enumerable.Repeat(double.NaN, table.Count).ToArray();
    }

    /// <summary>The payload's plates records (the receiver of the optical path fills them).</summary>
    public PlatesTrace Plates { get; } = new();

    /// <summary>The OGS half-wave plate's mount (address 0), through the driver.</summary>
    public IWaveplateRotator HalfWave => _line.Rotators[0];


    /// <summary>The OGS half, or null unless the bench compensates and has the optical path (<see cref="PassPolarization"/> then).</summary>
    /// <param name="halfWaveDevice">The HIL profile's OGS half-wave plate on a serial line, or null for a simulated one.</param>
    /// <exception cref="Devices.Profiles.DeviceBusException">The profile mount's serial line could not be opened.</exception>
    public static OgsPolarizationBench? Create(PassTimeline timeline, PhysicsParameterSet physics, ulong seed, BenchSettings bench, bool realtime, string? opticalPath, Devices.Profiles.DeviceEntry? halfWaveDevice = null)
    {
        ArgumentNullException.ThrowIfNull(bench);
        if (bench.Polarization != BenchSettings.PolarizationCompensated || opticalPath is null)
        {
            return null;
        }

        var settings = PolarizationSettings.From(physics);
        var table = PassFrameRotationTable.Build(timeline, settings.OgsHalfWaveOffsetDegrees);
        return new OgsPolarizationBench(settings, table, seed, WaveplateMounts.Open([0], [halfWaveDevice], "114000", realtime));
    }

    /// <summary>Decoder counts for the payload's measurement, or null when its plates record did not come or the dwell is not the plan's.</summary>
    public async ValueTask<DecoderCounts?> CountReferenceAsync(int request, Bb84State state, double dwellS, CancellationToken cancellationToken)
    {
        if (Math.Abs(dwellS - _settings.CalibrationStepS) > 1e-9)
        {
            return null; // the simulated decoder counts over the plan's dwell only
        }

        PlatesRecord? record = await Task.Run(() => Plates.WaitFor((uint)request, (byte)state, ReferenceRecordTimeout), cancellationToken);
        if (record is not { } r)
        {
            return null;
        }

        // Before the window the pass clock stands at 0: the fibre and the frame rotation are those of the pass start.
        JonesMatrix channel = _table.FreeSpaceJones(0, _line.AngleDegrees(0)) * r.Plates.ToJones() * _fibre.At(0);
        lock (_gate)
        {
            _counted++;
            return _decoder.Count(state, channel);
        }
    }

    /// <summary>The firmware set the OGS plate for <paramref name="passSecond"/>: the light of that second passes it where the mount is.</summary>
    public void OnHalfWaveSet(int passSecond)
    {
        lock (_gate)
        {
            if (passSecond >= 0 && passSecond < _halfWaveDegPerSecond.Length)
            {
                _halfWaveDegPerSecond[passSecond] = _line.AngleDegrees(0);
            }

            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>The firmware's plate stopped following: later seconds keep it where it is.</summary>
    public void OnFollowingEnded()
    {
        lock (_gate)
        {
            _followingEnded = true;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>The payload's result as the ground firmware received it.</summary>
    public void OnCalibrationReported(ReportedCalibration result)
    {
        lock (_gate)
        {
            _payloadResult = result;
        }
    }

    /// <inheritdoc/>
    public double ErrorAt(double passSeconds)
    {
        int last = _errorPerSecond.Length - 1;
        double t = Math.Clamp(double.IsNaN(passSeconds) ? 0 : passSeconds, 0, last);
        int k = (int)t;
        double f = t - k;
        return k >= last || f == 0 ? ErrorOfSecond(k, wait: true) : (ErrorOfSecond(k, wait: true) * (1 - f)) + (ErrorOfSecond(k + 1, wait: true) * f);
    }

    /// <inheritdoc/>
    public object Details()
    {
        // Never waits: a pass cut short (the payload gone, the link lost) reports what is known, seconds the light did not
        // reach with the plates where they were last seen.
        double[] perSecond = Enumerable.Range(0, _errorPerSecond.Length).Select(s => ErrorOfSecond(s, wait: false)).ToArray();
        double hwpMin = double.PositiveInfinity, hwpMax = double.NegativeInfinity;
        for (int s = 0; s < perSecond.Length; s++)
        {
            double plate = Unwrapped(s, HalfWaveAt(s, wait: false));
            hwpMin = Math.Min(hwpMin, plate);
            hwpMax = Math.Max(hwpMax, plate);
        }

        BasisErrors reached = PolarizationErrorModel.Of(ChannelAt(0, KeyPlates(wait: false), HalfWaveAt(0, wait: false)));
        ReportedCalibration? result;
        lock (_gate)
        {
            result = _payloadResult;
        }

        return new
        {
            mode = BenchSettings.PolarizationCompensated,
            calibration = result is null ? null : new
            {
                succeeded = result.Succeeded,
                reason = result.Reason,
                iterations = result.Iterations,
                rounds = result.Rounds,
                angles_deg = new { qwp1 = result.Angles.FirstQuarterWaveDegrees, hwp = result.Angles.HalfWaveDegrees, qwp2 = result.Angles.SecondQuarterWaveDegrees },
                contrast_db = new { z = ReportNumber.OrNull(reached.ZContrastDb, 2), x = ReportNumber.OrNull(reached.XContrastDb, 2) },
                contrast_db_estimated = new { z = ReportNumber.OrNull(result.ContrastZDb, 2), x = ReportNumber.OrNull(result.ContrastXDb, 2) },
                reported_over = "link",
            },
            reference_counts = _counted,
            plates_records = Plates.Count,
            plates_note = _keyPlatesNote ?? Plates.LostReason,
            ogs_hwp_deg = double.IsFinite(hwpMin) ? new { min = Math.Round(hwpMin, 3), max = Math.Round(hwpMax, 3) } : null,
            channel_error_mean = Math.Round(perSecond.Average(), 6),
            channel_error_max = Math.Round(perSecond.Max(), 6),
            channel_error_per_s = perSecond.Select(e => Math.Round(e, 6)).ToArray(),
        };
    }

    public async ValueTask DisposeAsync()
    {
        Plates.Dispose();
        OnFollowingEnded();
        await _line.DisposeAsync();
    }

    /// <summary>The error of one pass second; with <paramref name="wait"/> it waits for the plates and keeps the value for the light.</summary>
    private double ErrorOfSecond(int second, bool wait)
    {
        lock (_gate)
        {
            if (!double.IsNaN(_errorPerSecond[second]))
            {
                return _errorPerSecond[second];
            }
        }

        CompensatorAngles plates = KeyPlates(wait);
        double halfWave = HalfWaveAt(second, wait);
        BasisErrors e = PolarizationErrorModel.Of(ChannelAt(second, plates, halfWave));
        double error = Math.Clamp((e.ZErrorProbability + e.XErrorProbability) / 2, 0, 0.5);
        if (wait)
        {
            lock (_gate)
            {
                _errorPerSecond[second] = error;
            }
        }

        return error;
    }

    private JonesMatrix ChannelAt(int second, CompensatorAngles plates, double halfWaveDeg) =>
        _table.FreeSpaceJones(second, halfWaveDeg) * plates.ToJones() * _fibre.At(second);

    /// <summary>The plates of the key pulses: the key-mode record, else the last plates known, else home.</summary>
    private CompensatorAngles KeyPlates(bool wait)
    {
        lock (_gate)
        {
            if (_keyPlates is { } known)
            {
                return known;
            }
        }

        PlatesRecord? record = Plates.WaitFor(OpticalPath.KeyModeRequest, OpticalPath.KeyModeState, wait ? KeyRecordTimeout : TimeSpan.Zero);
        if (!wait)
        {
            return record?.Plates ?? Plates.Latest?.Plates ?? CompensatorAngles.Home;
        }

        string? note = null;
        if (record is null)
        {
            record = Plates.Latest;
            note = record is null ? "no plates record from the payload: plates taken at home" : "no key-mode record from the payload: the last plates recorded";
        }

        lock (_gate)
        {
            _keyPlates ??= record?.Plates ?? CompensatorAngles.Home;
            _keyPlatesNote ??= note;
            return _keyPlates.Value;
        }
    }

    /// <summary>The OGS plate for <paramref name="second"/>: where the firmware set it for that second, or the latest before.</summary>
    private double HalfWaveAt(int second, bool wait)
    {
        lock (_gate)
        {
            DateTime deadline = DateTime.UtcNow + PassPointing.StallTimeout;
            while (wait && double.IsNaN(_halfWaveDegPerSecond[second]) && !_followingEnded && DateTime.UtcNow < deadline)
            {
                Monitor.Wait(_gate, deadline - DateTime.UtcNow);
            }

            for (int s = second; s >= 0; s--)
            {
                if (!double.IsNaN(_halfWaveDegPerSecond[s]))
                {
                    return _halfWaveDegPerSecond[s];
                }
            }

            return _line.AngleDegrees(0);
        }
    }

    /// <summary>The plate angle as the representative nearest the geometry's (a half-wave plate repeats every 180°).</summary>
    private double Unwrapped(int second, double plateDeg)
    {
        double geometry = _table.HalfWaveDegreesAt(second);
        return geometry + Math.IEEERemainder(plateDeg - geometry, 180.0);
    }
}
