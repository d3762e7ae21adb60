using System.Globalization;
using JinanOnboard.Orbit.Ephemeris;
using JinanOnboard.Orbit.TwoLineElements;

namespace JinanOnboard.Orbit.Sgp4;

/// <summary>
/// SGP4/SDP4 propagator as revised by Vallado, Crawford, Hujsak &amp; Kelso, "Revisiting Spacetrack
/// Report #3" (AIAA 2006-6753), with WGS-72 constants and the 'improved' operation mode. Orbits with a
/// period of 225 min or more use the deep-space (SDP4) terms. Output is TEME position (km) and velocity (km/s).
/// Immutable after construction: thread-safe, and <see cref="Propagate"/> allocates nothing.
/// </summary>
public sealed partial class Sgp4Propagator : IEphemeris
{
    private const double TwoPi = 2.0 * Math.PI;
    private const double TwoThirds = 2.0 / 3.0;

    /// <summary>Divide-by-zero guard for inclinations of 180 deg (sgp4fix in the paper).</summary>
    private const double Temp4 = 1.5e-12;

    // Epoch mean elements (radians, un-Kozai'd mean motion in rad/min) and drag.
    private readonly double _no, _ecco, _inclo, _nodeo, _argpo, _mo, _bstar;

    // Near-earth coefficients (sgp4init).
    private readonly bool _isimp;
    private readonly double _eta, _cc1, _cc4, _cc5, _d2, _d3, _d4, _delmo, _omgcof, _sinmao, _xmcof, _nodecf;
    private readonly double _t2cof, _t3cof, _t4cof, _t5cof, _mdot, _argpdot, _nodedot;
    private readonly double _con41, _x1mth2, _x7thm1, _xlcof, _aycof, _sinio, _cosio;

    private readonly DeepSpaceTerms? _deep;

    // Epoch as "January 1 00:00 of the epoch year" plus minutes, so times keep full precision.
    private readonly long _epochYearStartTicks;
    private readonly double _epochMinutesFromYearStart;

    /// <summary>Prepares the propagator for one element set.</summary>
    /// <remarks>
    /// Construction never fails for a parsed TLE; an orbit that cannot be propagated at all (for example
    /// a non-positive or absurd mean motion) makes <see cref="Propagate"/> throw, as Vallado's code reports
    /// the error from its first call at t = 0.
    /// </remarks>
    public Sgp4Propagator(Tle tle)
        : this(tle, Sgp4OperationMode.Improved)
    {
    }

    internal Sgp4Propagator(Tle tle, Sgp4OperationMode mode)
    {
        ArgumentNullException.ThrowIfNull(tle);
        Tle = tle;
        const double DegToRad = Math.PI / 180.0;

        _bstar = tle.BStarPerEarthRadius;
        _ecco = tle.Eccentricity;
        _inclo = tle.InclinationDeg * DegToRad;
        _nodeo = tle.RightAscensionOfAscendingNodeDeg * DegToRad;
        _argpo = tle.ArgumentOfPerigeeDeg * DegToRad;
        _mo = tle.MeanAnomalyDeg * DegToRad;
        double noKozai = tle.MeanMotionRevPerDay / (1440.0 / TwoPi);
        _epochYearStartTicks = new DateTime(tle.EpochYear, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;
        _epochMinutesFromYearStart = (tle.EpochDayOfYear - 1.0) * 1440.0;

        // Epoch as days since 1949 Dec 31 00:00 UT, split like Vallado's jdsatepoch + jdsatepochF.
        double dayWhole = Math.Floor(tle.EpochDayOfYear);
        double jdEpochWhole = JulianDateOfJanuaryZero(tle.EpochYear) + dayWhole;
        double jdEpochFraction = tle.EpochDayOfYear - dayWhole;
        double epochDays1950 = jdEpochWhole + jdEpochFraction - 2433281.5;

        // ---- initl: un-Kozai the mean motion and epoch auxiliaries ----
        double eccsq = _ecco * _ecco;
        double omeosq = 1.0 - eccsq;
        double rteosq = Math.Sqrt(omeosq);
        _cosio = Math.Cos(_inclo);
        double cosio2 = _cosio * _cosio;
        double ak = Math.Pow(Wgs72.Xke / noKozai, TwoThirds);
        double d1 = 0.75 * Wgs72.J2 * ((3.0 * cosio2) - 1.0) / (rteosq * omeosq);
        double del = d1 / (ak * ak);
        double adel = ak * (1.0 - (del * del) - (del * ((1.0 / 3.0) + (134.0 * del * del / 81.0))));
        del = d1 / (adel * adel);
        _no = noKozai / (1.0 + del);

        double ao = Math.Pow(Wgs72.Xke / _no, TwoThirds);
        _sinio = Math.Sin(_inclo);
        double po = ao * omeosq;
        double con42 = 1.0 - (5.0 * cosio2);
        _con41 = -con42 - cosio2 - cosio2;
        double posq = po * po;
        double rp = ao * (1.0 - _ecco);
        double gsto = mode == Sgp4OperationMode.Afspc
            ? AfspcSiderealTime(epochDays1950)
            : GreenwichMeanSiderealTime(epochDays1950 + 2433281.5);

        // ---- sgp4init: near-earth drag and gravity coefficients ----
        double ss = (78.0 / Wgs72.RadiusKm) + 1.0;
        double qzms2tBase = (120.0 - 78.0) / Wgs72.RadiusKm;
        double qzms2t = qzms2tBase * qzms2tBase * qzms2tBase * qzms2tBase;

        // Perigee below 220 km: simplified drag (no d2..d4 terms), as in Spacetrack Report #3.
        _isimp = rp < (220.0 / Wgs72.RadiusKm) + 1.0;
        double sfour = ss;
        double qzms24 = qzms2t;
        double perigeeKm = (rp - 1.0) * Wgs72.RadiusKm;

        // Perigee below 156 km: the atmosphere parameter s and (q0 - s)^4 are altered.
        if (perigeeKm < 156.0)
        {
            sfour = perigeeKm - 78.0;
            if (perigeeKm < 98.0)
            {
                sfour = 20.0;
            }

            double qzms24Base = (120.0 - sfour) / Wgs72.RadiusKm;
            qzms24 = qzms24Base * qzms24Base * qzms24Base * qzms24Base;
            sfour = (sfour / Wgs72.RadiusKm) + 1.0;
        }

        double pinvsq = 1.0 / posq;
        double tsi = 1.0 / (ao - sfour);
        _eta = ao * _ecco * tsi;
        double etasq = _eta * _eta;
        double eeta = _ecco * _eta;
        double psisq = Math.Abs(1.0 - etasq);
        double coef = qzms24 * Math.Pow(tsi, 4.0);
        double coef1 = coef / Math.Pow(psisq, 3.5);
        double cc2 = coef1 * _no * ((ao * (1.0 + (1.5 * etasq) + (eeta * (4.0 + etasq))))
            + (0.375 * Wgs72.J2 * tsi / psisq * _con41 * (8.0 + (3.0 * etasq * (8.0 + etasq)))));
        _cc1 = _bstar * cc2;
        double cc3 = 0.0;
        if (_ecco > 1.0e-4)
        {
            cc3 = -2.0 * coef * tsi * Wgs72.J3OverJ2 * _no * _sinio / _ecco;
        }

        _x1mth2 = 1.0 - cosio2;
        _cc4 = 2.0 * _no * coef1 * ao * omeosq * ((_eta * (2.0 + (0.5 * etasq))) + (_ecco * (0.5 + (2.0 * etasq)))
            - (Wgs72.J2 * tsi / (ao * psisq) * ((-3.0 * _con41 * (1.0 - (2.0 * eeta) + (etasq * (1.5 - (0.5 * eeta)))))
                + (0.75 * _x1mth2 * ((2.0 * etasq) - (eeta * (1.0 + etasq))) * Math.Cos(2.0 * _argpo)))));
        _cc5 = 2.0 * coef1 * ao * omeosq * (1.0 + (2.75 * (etasq + eeta)) + (eeta * etasq));
        double cosio4 = cosio2 * cosio2;
        double temp1 = 1.5 * Wgs72.J2 * pinvsq * _no;
        double temp2 = 0.5 * temp1 * Wgs72.J2 * pinvsq;
        double temp3 = -0.46875 * Wgs72.J4 * pinvsq * pinvsq * _no;
        _mdot = _no + (0.5 * temp1 * rteosq * _con41) + (0.0625 * temp2 * rteosq * (13.0 - (78.0 * cosio2) + (137.0 * cosio4)));
        _argpdot = (-0.5 * temp1 * con42) + (0.0625 * temp2 * (7.0 - (114.0 * cosio2) + (395.0 * cosio4)))
            + (temp3 * (3.0 - (36.0 * cosio2) + (49.0 * cosio4)));
        double xhdot1 = -temp1 * _cosio;
        _nodedot = xhdot1 + (((0.5 * temp2 * (4.0 - (19.0 * cosio2))) + (2.0 * temp3 * (3.0 - (7.0 * cosio2)))) * _cosio);
        _omgcof = _bstar * cc3 * Math.Cos(_argpo);
        _xmcof = 0.0;
        if (_ecco > 1.0e-4)
        {
            _xmcof = -TwoThirds * coef * _bstar / eeta;
        }

        _nodecf = 3.5 * omeosq * xhdot1 * _cc1;
        _t2cof = 1.5 * _cc1;
        _xlcof = Math.Abs(_cosio + 1.0) > 1.5e-12
            ? -0.25 * Wgs72.J3OverJ2 * _sinio * (3.0 + (5.0 * _cosio)) / (1.0 + _cosio)
            : -0.25 * Wgs72.J3OverJ2 * _sinio * (3.0 + (5.0 * _cosio)) / Temp4;
        _aycof = -0.5 * Wgs72.J3OverJ2 * _sinio;
        double delmoBase = 1.0 + (_eta * Math.Cos(_mo));
        _delmo = delmoBase * delmoBase * delmoBase;
        _sinmao = Math.Sin(_mo);
        _x7thm1 = (7.0 * cosio2) - 1.0;

        // ---- deep space: period >= 225 min ----
        if (TwoPi / _no >= 225.0)
        {
            _isimp = true;
            var elements = new MeanElements(_no, _ecco, _inclo, _nodeo, _argpo, _mo);
            var rates = new SecularRates(_mdot, _argpdot, _nodedot);
            _deep = new DeepSpaceTerms(epochDays1950, gsto, elements, rates, mode);
        }

        if (!_isimp)
        {
            double cc1sq = _cc1 * _cc1;
            _d2 = 4.0 * ao * tsi * cc1sq;
            double temp = _d2 * tsi * _cc1 / 3.0;
            _d3 = ((17.0 * ao) + sfour) * temp;
            _d4 = 0.5 * temp * ao * tsi * ((221.0 * ao) + (31.0 * sfour)) * _cc1;
            _t3cof = _d2 + (2.0 * cc1sq);
            _t4cof = 0.25 * ((3.0 * _d3) + (_cc1 * ((12.0 * _d2) + (10.0 * cc1sq))));
            _t5cof = 0.2 * ((3.0 * _d4) + (12.0 * _cc1 * _d3) + (6.0 * _d2 * _d2) + (15.0 * cc1sq * ((2.0 * _d2) + cc1sq)));
        }
    }

    /// <summary>The element set being propagated.</summary>
    public Tle Tle { get; }

    /// <summary>True when the deep-space (SDP4) terms are used (period >= 225 min).</summary>
    public bool IsDeepSpace => _deep is not null;

    /// <summary>Orbital period from the un-Kozai'd mean motion, minutes.</summary>
    public double PeriodMin => TwoPi / _no;

    /// <summary>TEME state at <paramref name="utc"/> (an unspecified kind is taken as UTC).</summary>
    /// <exception cref="ArgumentException"><paramref name="utc"/> is a local time.</exception>
    /// <exception cref="OrbitPropagationException">SGP4 reports an error at that time (see <see cref="Propagate"/>).</exception>
    public TemeState StateAt(DateTime utc)
    {
        if (utc.Kind == DateTimeKind.Local)
        {
            throw new ArgumentException("Expected a UTC time, got a local time.", nameof(utc));
        }

        return Propagate(MinutesSinceEpoch(utc));
    }

    /// <summary>
    /// Minutes from the TLE epoch to <paramref name="utc"/>, measured from the exact epoch day of year
    /// rather than <see cref="Tle.EpochUtc"/> (which is rounded to 100 ns, about 0.4 mm of LEO motion).
    /// </summary>
    public double MinutesSinceEpoch(DateTime utc)
    {
        long ticksFromYearStart = utc.Ticks - _epochYearStartTicks;
        return (ticksFromYearStart / (double)TimeSpan.TicksPerMinute) - _epochMinutesFromYearStart;
    }

    /// <summary>Julian date of January 0.0 (December 31 00:00) of <paramref name="year"/> (Vallado's jday).</summary>
    private static double JulianDateOfJanuaryZero(int year) =>
        (367.0 * year) - Math.Floor(7.0 * (year + Math.Floor(10.0 / 12.0)) * 0.25) + Math.Floor(275.0 / 9.0) + 1721013.5;

    /// <summary>Greenwich mean sidereal time, IAU-82 (Vallado 2004, eq. 3-45), rad in [0, 2 pi).</summary>
    internal static double GreenwichMeanSiderealTime(double jdUt1)
    {
        double tut1 = (jdUt1 - 2451545.0) / 36525.0;
        double seconds = (-6.2e-6 * tut1 * tut1 * tut1) + (0.093104 * tut1 * tut1)
            + (((876600.0 * 3600) + 8640184.812866) * tut1) + 67310.54841;
        double rad = seconds * (Math.PI / 180.0) / 240.0 % TwoPi;
        return rad < 0.0 ? rad + TwoPi : rad;
    }

    /// <summary>AFSPC sidereal time at epoch, counted from 1970 (operation mode 'a').</summary>
    private static double AfspcSiderealTime(double epochDays1950)
    {
        double ts70 = epochDays1950 - 7305.0;
        double ds70 = Math.Floor(ts70 + 1.0e-8);
        double tfrac = ts70 - ds70;
        const double C1 = 1.72027916940703639e-2;
        const double Thgr70 = 1.7321343856509374;
        const double Fk5r = 5.07551419432269442e-15;
        const double C1p2p = C1 + TwoPi;
        double gsto = (Thgr70 + (C1 * ds70) + (C1p2p * tfrac) + (ts70 * ts70 * Fk5r)) % TwoPi;
        return gsto < 0.0 ? gsto + TwoPi : gsto;
    }

    private OrbitPropagationException Failure(int code, double tMin, string what) => new(code, tMin,
        string.Format(CultureInfo.InvariantCulture, "SGP4 error {0} for satellite {1:D5} at {2} min from epoch: {3}",
            code, Tle.CatalogNumber, tMin, what));
}
