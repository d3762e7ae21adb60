using JinanOnboard.Physics.Parameters;
using JinanOnboard.Primitives.Information;

namespace JinanOnboard.Physics.KeyRates;

/// <summary>Every intermediate of one key-rate evaluation (models.md §5), for tests and reports.</summary>
public readonly record struct DecoyBb84Evaluation(
    double Transmittance,
    double SignalGain,
    double SignalErrorRate,
    double DecoyGain,
    double DecoyErrorRate,
    double SingleGainTrue,
    double SingleYieldLower,
    double SingleErrorUpper,
    double SingleGainLower,
    double RatePerPulse);

/// <summary>
/// The project's asymptotic decoy-state BB84 key rate: GLLP (Gottesman, Lo, Lütkenhaus &amp; Preskill, QIC 4, 325 (2004))
/// with the vacuum + weak decoy bounds of Ma, Qi, Zhao &amp; Lo, PRA 72, 012326 (2005), exactly as models.md §5 writes
/// them, over the standard channel of transmittance η. Zero, never negative, when no key can be distilled.
/// Immutable and allocation-free per call: the scheduling studies call it for every second of every visible pass.
/// </summary>
public sealed class DecoyBb84KeyRate
{
    private readonly double _mu;
    private readonly double _nu;
    private readonly double _y0;
    private readonly double _e0;
    private readonly double _ed;
    private readonly double _fe;
    private readonly double _q;

    /// <summary>Bind to validated parameters.</summary>
    public DecoyBb84KeyRate(DecoyBb84Parameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        parameters.Validate();
        Parameters = parameters;
        _mu = parameters.SignalIntensity;
        _nu = parameters.DecoyIntensity;
        _y0 = parameters.BackgroundYield;
        _e0 = parameters.BackgroundErrorProbability;
        _ed = parameters.MisalignmentError;
        _fe = parameters.ErrorCorrectionInefficiency;
        _q = parameters.SiftFactor;
    }

    /// <summary>The parameters.</summary>
    public DecoyBb84Parameters Parameters { get; }

    /// <summary>
    /// Parameters from a physics set's source and protocol sections (e.g. micius-downlink: μ, ν from
    /// source.intensities [μ, ν, ω], Y_0, e_0, e_d, f_e from protocol.*), with sift factor <paramref name="siftFactor"/>.
    /// </summary>
    public static DecoyBb84KeyRate FromParameterSet(PhysicsParameterSet set, double siftFactor = 0.5)
    {
        ArgumentNullException.ThrowIfNull(set);
        IReadOnlyList<double> intensities = set.Array("source.intensities");
        if (intensities.Count < 2)
        {
            throw new ParameterSetException($"{set.SourcePath}: source.intensities needs at least [μ, ν]");
        }

        return new DecoyBb84KeyRate(new DecoyBb84Parameters(
            SignalIntensity: intensities[0],
            DecoyIntensity: intensities[1],
            BackgroundYield: set.Number("protocol.background_yield"),
            MisalignmentError: set.Number("protocol.misalignment_error"),
            ErrorCorrectionInefficiency: set.Number("protocol.error_correction_inefficiency"),
            SiftFactor: siftFactor,
            BackgroundErrorProbability: set.NumberOr("protocol.dark_count_error_probability", 0.5)));
    }

    /// <summary>Secret key per emitted pulse at total transmittance <paramref name="transmittance"/> (link, optics, detector), ≥ 0.</summary>
    public double RatePerPulse(double transmittance) => Evaluate(transmittance).RatePerPulse;

    /// <summary>The rate and every intermediate of models.md §5 at transmittance η.</summary>
    public DecoyBb84Evaluation Evaluate(double transmittance)
    {
        if (!(transmittance >= 0) || transmittance > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(transmittance), transmittance, "transmittance must be in [0, 1]");
        }

        double eta = transmittance;

        // Gains and error rates of the signal and decoy states (models.md §5, channel model):
        // Q_μ = Y_0 + 1 − e^(−ημ), E_μ Q_μ = e_0 Y_0 + e_d (1 − e^(−ημ)).
        double detMu = -double.ExpM1(-eta * _mu);
        double qMu = _y0 + detMu;
        double eqMu = (_e0 * _y0) + (_ed * detMu);
        double detNu = -double.ExpM1(-eta * _nu);
        double qNu = _y0 + detNu;
        double eqNu = (_e0 * _y0) + (_ed * detNu);

        // True single-photon gain Y_1 μ e^(−μ), Y_1 = Y_0 + η (reported only; the rate uses the decoy bounds).
        double singleGainTrue = (_y0 + eta) * _mu * Math.Exp(-_mu);

        // Vacuum + weak decoy bounds (models.md §5):
        // Y_1^L = μ/(μν − ν²) [Q_ν e^ν − Q_μ e^μ ν²/μ² − ((μ² − ν²)/μ²) Y_0],  e_1^U = (E_ν Q_ν e^ν − e_0 Y_0)/(Y_1^L ν).
        double mu2 = _mu * _mu;
        double nu2 = _nu * _nu;
        double y1Lower = _mu / ((_mu * _nu) - nu2)
            * ((qNu * Math.Exp(_nu)) - (qMu * Math.Exp(_mu) * nu2 / mu2) - ((mu2 - nu2) / mu2 * _y0));
        double e1Upper = y1Lower > 0 ? ((eqNu * Math.Exp(_nu)) - (_e0 * _y0)) / (y1Lower * _nu) : 0.5;
        e1Upper = Math.Clamp(e1Upper, 0, 0.5);
        double q1Lower = Math.Max(0, y1Lower) * _mu * Math.Exp(-_mu);

        double eMu = qMu > 0 ? eqMu / qMu : 0.5;

        // R = q { −Q_μ f_e h(E_μ) + Q_1 [1 − h(e_1)] } with Q_1, e_1 at their bounds (models.md §5); clamped at 0.
        double rate = _q * ((-qMu * _fe * BinaryEntropy.Of(eMu)) + (q1Lower * (1 - BinaryEntropy.Of(e1Upper))));
        if (!(rate > 0) || y1Lower <= 0)
        {
            rate = 0;
        }

        return new DecoyBb84Evaluation(eta, qMu, eMu, qNu, qNu > 0 ? eqNu / qNu : 0.5, singleGainTrue, y1Lower, e1Upper, q1Lower, rate);
    }

    /// <summary>
    /// The largest loss in dB with a positive key, by bisection on the loss (the rate falls with loss once the
    /// background dominates): the "maximum tolerable link loss" parameters.md quotes for a set.
    /// </summary>
    public double MaxTolerableLossDb()
    {
        double lo = 0;
        double hi = 100;
        if (RatePerPulse(1.0) <= 0)
        {
            return double.NaN;
        }

        for (int i = 0; i < 60; i++)
        {
            double mid = 0.5 * (lo + hi);
            if (RatePerPulse(Math.Pow(10, -mid / 10)) > 0)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
