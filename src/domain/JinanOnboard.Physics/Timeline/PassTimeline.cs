using JinanOnboard.Physics.Background;
using JinanOnboard.Physics.Budgets;
using JinanOnboard.Physics.Parameters;
using JinanOnboard.Orbit.Ephemeris;
using JinanOnboard.Orbit.Frames;
using JinanOnboard.Orbit.Moon;
using JinanOnboard.Orbit.Passes;
using JinanOnboard.Orbit.Sites;
using JinanOnboard.Orbit.Sun;
using JinanOnboard.Orbit.Time;

namespace JinanOnboard.Physics.Timeline;

/// <summary>
/// A pass sampled every <see cref="PassTimelineOptions.StepS"/>: what the bench's quantum channel, classical
/// links and clock read. Time is "pass seconds" from <see cref="StartUtc"/>. Transmittance and background are
/// interpolated linearly between samples and are 0 / the edge value outside the pass; delay and range rate are
/// computed exactly from the ephemeris (linear interpolation of range at 1 s would err by ~15 m, i.e. 50 ns).
/// </summary>
public sealed class PassTimeline
{
    /// <summary>Speed of light in vacuum, km/s.</summary>
    public const double LightSpeedKmPerS = 299792.458;

    private readonly IEphemeris _ephemeris;
    private readonly TopocentricFrame _frame;
    private readonly PassSample[] _samples;
    private readonly double _stepS;

    private PassTimeline(IEphemeris ephemeris, TopocentricFrame frame, GroundSite site, PhysicsParameterSet parameters, DateTime startUtc, double durationS, double stepS, PassSample[] samples)
    {
        _ephemeris = ephemeris;
        _frame = frame;
        Site = site;
        Parameters = parameters;
        StartUtc = startUtc;
        DurationS = durationS;
        _stepS = stepS;
        _samples = samples;
    }

    /// <summary>The ground site.</summary>
    public GroundSite Site { get; }

    /// <summary>Where the satellite is over the pass (what the timeline was sampled from).</summary>
    public IEphemeris Ephemeris => _ephemeris;

    /// <summary>The physics parameter set used.</summary>
    public PhysicsParameterSet Parameters { get; }

    /// <summary>Pass second 0.</summary>
    public DateTime StartUtc { get; }

    /// <summary>Length of the timeline, seconds.</summary>
    public double DurationS { get; }

    /// <summary>The samples, first at 0 s, last at <see cref="DurationS"/>.</summary>
    public IReadOnlyList<PassSample> Samples => _samples;

    /// <summary>Build the timeline of a pass found by <see cref="PassFinder"/>.</summary>
    public static PassTimeline ForPass(IEphemeris ephemeris, GroundSite site, SatellitePass pass, PhysicsParameterSet parameters, PassTimelineOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(pass);
        return Create(ephemeris, site, pass.RiseUtc, pass.SetUtc, parameters, options);
    }

    /// <summary>Sample the link between <paramref name="startUtc"/> and <paramref name="endUtc"/>; samples below the horizon get transmittance 0.</summary>
    /// <exception cref="ParameterSetException">The set describes an inter-satellite link, which has no ground pass.</exception>
    public static PassTimeline Create(IEphemeris ephemeris, GroundSite site, DateTime startUtc, DateTime endUtc, PhysicsParameterSet parameters, PassTimelineOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(ephemeris);
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(parameters);
        options ??= new PassTimelineOptions();
        if (parameters.Kind == LinkKind.InterSatellite)
        {
            throw new ParameterSetException($"{parameters.SourcePath}: an inter-satellite parameter set has no ground pass timeline");
        }

        if (!(options.StepS > 0) || options.StepS > 60)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.StepS, "timeline step must be in (0, 60] s");
        }

        startUtc = AstroTime.ToUtc(startUtc);
        endUtc = AstroTime.ToUtc(endUtc);
        double durationS = (endUtc - startUtc).TotalSeconds;
        if (!(durationS > 0) || durationS > 86400)
        {
            throw new ArgumentOutOfRangeException(nameof(endUtc), endUtc, "timeline must end after it starts and last at most a day");
        }

        var frame = new TopocentricFrame(site.Position);
        var calculator = new LinkBudgetCalculator(parameters);
        var background = new BackgroundModel(parameters);
        var rates = new DetectionRate(parameters);
        int count = (int)Math.Ceiling(durationS / options.StepS) + 1;
        var samples = new PassSample[count];
        for (int i = 0; i < count; i++)
        {
            double t = Math.Min(i * options.StepS, durationS);
            DateTime utc = At(startUtc, t);
            LookAngles look = frame.Look(TemeToEcef.Convert(ephemeris.StateAt(utc), utc));
            LinkBudget budget = look.ElevationDeg > 0
                ? calculator.Compute(look.RangeKm, look.ElevationDeg, options.CloudIndex, options.PointingErrorUrad?.Invoke(t))
                : Blocked(parameters.Kind, look);
            Vec3 satEcef = TemeToEcef.RotateToEcef(ephemeris.StateAt(utc).PositionKm, AstroTime.GmstRad(utc));
            double moonSeparation = MoonPosition.SeparationDeg(frame, satEcef, utc);
            var sky = new SkyConditions(MoonPosition.IlluminatedFraction(utc), MoonPosition.ElevationDeg(frame, utc), moonSeparation, options.UrbanSky);
            samples[i] = new PassSample(
                utc, t, look.ElevationDeg, look.AzimuthDeg, look.RangeKm, look.RangeRateKmPerS, budget,
                rates.SignalPerS(budget.Transmittance), background.CountsPerSPerDetector(sky), SunPosition.ElevationDeg(frame, utc), moonSeparation);
        }

        return new PassTimeline(ephemeris, frame, site, parameters, startUtc, durationS, options.StepS, samples);
    }

    /// <summary>Total transmittance at <paramref name="passSeconds"/>, linearly interpolated; 0 outside the timeline.</summary>
    public double TransmittanceAt(double passSeconds) =>
        passSeconds < 0 || passSeconds > DurationS || double.IsNaN(passSeconds) ? 0.0 : Interpolate(passSeconds, s => s.Transmittance);

    /// <summary>
    /// One-way light time, seconds, of a signal the satellite emits that reaches the site at <paramref name="passSeconds"/>
    /// (downlink sense): τ solves c τ = |r_sat(t - τ) - r_site(t)| in the TEME (quasi-inertial) frame, so the satellite's
    /// motion during flight and the Earth's rotation (Sagnac term) are both included — together up to ~50 ns away
    /// from range/c. Clamped to the timeline.
    /// </summary>
    public double OneWayDelayS(double passSeconds)
    {
        DateTime receiveUtc = At(StartUtc, Clamp(passSeconds));
        Vec3 siteTeme = TemeToEcef.RotateToTeme(_frame.SiteEcefKm, AstroTime.GmstRad(receiveUtc));
        double tau = (_ephemeris.StateAt(receiveUtc).PositionKm - siteTeme).Norm / LightSpeedKmPerS;
        // Fixed-point iteration contracts by |v|/c ~ 2.5e-5 per step: three steps reach double precision.
        for (int i = 0; i < 3; i++)
        {
            DateTime emitUtc = receiveUtc.AddTicks(-(long)Math.Round(tau * TimeSpan.TicksPerSecond));
            double sub = tau - ((receiveUtc - emitUtc).Ticks / (double)TimeSpan.TicksPerSecond);
            // Ticks are 100 ns: evaluate at the tick and carry the sub-tick remainder with the velocity.
            TemeState emit = _ephemeris.StateAt(emitUtc);
            Vec3 satAtEmit = emit.PositionKm - (sub * emit.VelocityKmPerS);
            tau = (satAtEmit - siteTeme).Norm / LightSpeedKmPerS;
        }

        return tau;
    }

    /// <summary>Range rate at <paramref name="passSeconds"/>, km/s (positive receding; the Doppler shift is -v_r/c, models.md §3). Clamped to the timeline.</summary>
    public double RangeRateKmPerS(double passSeconds) => LookAt(passSeconds).RangeRateKmPerS;

    /// <summary>Background counts per second per detector at <paramref name="passSeconds"/>, interpolated and clamped to the timeline.</summary>
    public double BackgroundCountsPerSPerDetector(double passSeconds) => Interpolate(Clamp(passSeconds), s => s.BackgroundCountsPerSPerDetector);

    /// <summary>Expected signal detections per second over all detectors at <paramref name="passSeconds"/>, 0 outside the timeline.</summary>
    public double SignalDetectionRatePerS(double passSeconds) =>
        passSeconds < 0 || passSeconds > DurationS || double.IsNaN(passSeconds) ? 0.0 : Interpolate(passSeconds, s => s.SignalDetectionRatePerS);

    /// <summary>Exact look angles at <paramref name="passSeconds"/> (clamped to the timeline).</summary>
    public LookAngles LookAt(double passSeconds)
    {
        DateTime utc = At(StartUtc, Clamp(passSeconds));
        return _frame.Look(TemeToEcef.Convert(_ephemeris.StateAt(utc), utc));
    }

    private double Clamp(double passSeconds) => double.IsNaN(passSeconds) ? 0 : Math.Clamp(passSeconds, 0, DurationS);

    private double Interpolate(double t, Func<PassSample, double> value)
    {
        int i = Math.Min((int)(t / _stepS), _samples.Length - 2);
        if (i < 0)
        {
            return value(_samples[0]);
        }

        PassSample a = _samples[i];
        PassSample b = _samples[i + 1];
        double span = b.PassSeconds - a.PassSeconds;
        double f = span > 0 ? Math.Clamp((t - a.PassSeconds) / span, 0, 1) : 0;
        return value(a) + (f * (value(b) - value(a)));
    }

    private static LinkBudget Blocked(LinkKind kind, LookAngles look) =>
        new(kind, look.RangeKm, look.ElevationDeg, double.PositiveInfinity, 0, 0, 0, 0, 0, 0, double.NaN, double.NaN);

    private static DateTime At(DateTime start, double seconds) => start.AddTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond));
}
