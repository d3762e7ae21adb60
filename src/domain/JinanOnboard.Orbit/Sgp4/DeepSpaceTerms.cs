namespace JinanOnboard.Orbit.Sgp4;

/// <summary>
/// SDP4 deep-space terms for orbits with period >= 225 min: lunar-solar long-period periodics and
/// secular rates, plus the 12 h and 24 h geopotential resonances, as revised by Vallado, Crawford,
/// Hujsak &amp; Kelso, "Revisiting Spacetrack Report #3" (AIAA 2006-6753), routines dscom, dsinit,
/// dpper and dspace. Immutable after construction, so one instance may serve several threads.
/// </summary>
internal sealed partial class DeepSpaceTerms
{
    // Solar and lunar orbit constants of Spacetrack Report #3 (DSCOM).
    private const double Zes = 0.01675;
    private const double Zel = 0.05490;
    private const double C1ss = 2.9864797e-6;
    private const double C1l = 4.7968065e-7;
    private const double Zsinis = 0.39785416;
    private const double Zcosis = 0.91744867;
    private const double Zcosgs = 0.1945905;
    private const double Zsings = -0.98088458;
    private const double Zns = 1.19459e-5;
    private const double Znl = 1.5835218e-4;
    private const double TwoPi = 2.0 * Math.PI;

    /// <summary>Earth rotation rate, rad/min (7.29211514668855e-5 rad/s).</summary>
    private const double Rptim = 4.37526908801129966e-3;

    // Long-period periodic coefficients (dpper), solar then lunar.
    private readonly double _se2, _se3, _si2, _si3, _sl2, _sl3, _sl4, _sgh2, _sgh3, _sgh4, _sh2, _sh3;
    private readonly double _ee2, _e3, _xi2, _xi3, _xl2, _xl3, _xl4, _xgh2, _xgh3, _xgh4, _xh2, _xh3;
    private readonly double _zmol, _zmos;

    // Secular rates from the Sun and Moon (dsinit), rad/min or 1/min.
    private readonly double _dedt, _didt, _dmdt, _dnodt, _domdt;

    // Resonance: 0 none, 1 synchronous (24 h), 2 half-day (12 h).
    private readonly int _irez;
    private readonly double _d2201, _d2211, _d3210, _d3222, _d4410, _d4422, _d5220, _d5232, _d5421, _d5433;
    private readonly double _del1, _del2, _del3, _xfact, _xlamo, _gsto;
    private readonly Sgp4OperationMode _mode;

    /// <summary>
    /// Initializes from the epoch mean elements (dscom then dsinit at t = 0).
    /// </summary>
    /// <param name="epochDays1950">Epoch in days since 1949 December 31 00:00 UT.</param>
    /// <param name="gstoRad">Greenwich sidereal time at epoch, rad.</param>
    /// <param name="elements">Un-Kozai'd mean motion (rad/min), eccentricity, inclination, node, perigee, mean anomaly (rad).</param>
    /// <param name="rates">Secular rates mdot, argpdot, nodedot of the near-earth theory (rad/min).</param>
    /// <param name="mode">Operation mode (affects node wrapping in the Lyddane branch).</param>
    public DeepSpaceTerms(double epochDays1950, double gstoRad, in MeanElements elements, in SecularRates rates, Sgp4OperationMode mode)
    {
        _mode = mode;
        _gsto = gstoRad;
        double no = elements.MeanMotionRadPerMin;
        double ecco = elements.Eccentricity;
        double inclo = elements.InclinationRad;
        double cosim = Math.Cos(inclo);
        double sinim = Math.Sin(inclo);
        double emsq = ecco * ecco;

        // ---- dscom: Sun and Moon geometry at epoch ----
        double snodm = Math.Sin(elements.NodeRad);
        double cnodm = Math.Cos(elements.NodeRad);
        double sinomm = Math.Sin(elements.ArgPerigeeRad);
        double cosomm = Math.Cos(elements.ArgPerigeeRad);
        double day = epochDays1950 + 18261.5;
        double xnodce = (4.5236020 - (9.2422029e-4 * day)) % TwoPi;
        double stem = Math.Sin(xnodce);
        double ctem = Math.Cos(xnodce);
        double zcosil = 0.91375164 - (0.03568096 * ctem);
        double zsinil = Math.Sqrt(1.0 - (zcosil * zcosil));
        double zsinhl = 0.089683511 * stem / zsinil;
        double zcoshl = Math.Sqrt(1.0 - (zsinhl * zsinhl));
        double gam = 5.8351514 + (0.0019443680 * day);
        double zx = 0.39785416 * stem / zsinil;
        double zy = (zcoshl * ctem) + (0.91744867 * zsinhl * stem);
        zx = Math.Atan2(zx, zy);
        zx = gam + zx - xnodce;
        double zcosgl = Math.Cos(zx);
        double zsingl = Math.Sin(zx);

        var sun = new ThirdBodyTerms(Zcosgs, Zsings, Zcosis, Zsinis, cnodm, snodm, C1ss, no, ecco, cosim, sinim, cosomm, sinomm);
        var moon = new ThirdBodyTerms(zcosgl, zsingl, zcosil, zsinil,
            (zcoshl * cnodm) + (zsinhl * snodm), (snodm * zcoshl) - (cnodm * zsinhl), C1l, no, ecco, cosim, sinim, cosomm, sinomm);

        _zmol = (4.7199672 + (0.22997150 * day) - gam) % TwoPi;
        _zmos = (6.2565837 + (0.017201977 * day)) % TwoPi;

        _se2 = 2.0 * sun.S1 * sun.S6;
        _se3 = 2.0 * sun.S1 * sun.S7;
        _si2 = 2.0 * sun.S2 * sun.Z12;
        _si3 = 2.0 * sun.S2 * (sun.Z13 - sun.Z11);
        _sl2 = -2.0 * sun.S3 * sun.Z2;
        _sl3 = -2.0 * sun.S3 * (sun.Z3 - sun.Z1);
        _sl4 = -2.0 * sun.S3 * (-21.0 - (9.0 * emsq)) * Zes;
        _sgh2 = 2.0 * sun.S4 * sun.Z32;
        _sgh3 = 2.0 * sun.S4 * (sun.Z33 - sun.Z31);
        _sgh4 = -18.0 * sun.S4 * Zes;
        _sh2 = -2.0 * sun.S2 * sun.Z22;
        _sh3 = -2.0 * sun.S2 * (sun.Z23 - sun.Z21);

        _ee2 = 2.0 * moon.S1 * moon.S6;
        _e3 = 2.0 * moon.S1 * moon.S7;
        _xi2 = 2.0 * moon.S2 * moon.Z12;
        _xi3 = 2.0 * moon.S2 * (moon.Z13 - moon.Z11);
        _xl2 = -2.0 * moon.S3 * moon.Z2;
        _xl3 = -2.0 * moon.S3 * (moon.Z3 - moon.Z1);
        _xl4 = -2.0 * moon.S3 * (-21.0 - (9.0 * emsq)) * Zel;
        _xgh2 = 2.0 * moon.S4 * moon.Z32;
        _xgh3 = 2.0 * moon.S4 * (moon.Z33 - moon.Z31);
        _xgh4 = -18.0 * moon.S4 * Zel;
        _xh2 = -2.0 * moon.S2 * moon.Z22;
        _xh3 = -2.0 * moon.S2 * (moon.Z23 - moon.Z21);

        // ---- dsinit: secular lunar-solar rates ----
        double ses = sun.S1 * Zns * sun.S5;
        double sis = sun.S2 * Zns * (sun.Z11 + sun.Z13);
        double sls = -Zns * sun.S3 * (sun.Z1 + sun.Z3 - 14.0 - (6.0 * emsq));
        double sghs = sun.S4 * Zns * (sun.Z31 + sun.Z33 - 6.0);
        double shs = -Zns * sun.S2 * (sun.Z21 + sun.Z23);
        // sgp4fix for 180 deg inclination: the node rate is undefined near 0 and 180 deg (3 deg band).
        bool nearEquatorial = inclo < 5.2359877e-2 || inclo > Math.PI - 5.2359877e-2;
        if (nearEquatorial)
        {
            shs = 0.0;
        }

        if (sinim != 0.0)
        {
            shs /= sinim;
        }

        double sgs = sghs - (cosim * shs);
        _dedt = ses + (moon.S1 * Znl * moon.S5);
        _didt = sis + (moon.S2 * Znl * (moon.Z11 + moon.Z13));
        _dmdt = sls - (Znl * moon.S3 * (moon.Z1 + moon.Z3 - 14.0 - (6.0 * emsq)));
        double sghl = moon.S4 * Znl * (moon.Z31 + moon.Z33 - 6.0);
        double shll = -Znl * moon.S2 * (moon.Z21 + moon.Z23);
        if (nearEquatorial)
        {
            shll = 0.0;
        }

        _domdt = sgs + sghl;
        _dnodt = shs;
        if (sinim != 0.0)
        {
            _domdt -= cosim / sinim * shll;
            _dnodt += shll / sinim;
        }

        // ---- dsinit: resonance selection and coefficients ----
        if (no > 0.0034906585 && no < 0.0052359877)
        {
            _irez = 1;
        }

        if (no >= 8.26e-3 && no <= 9.24e-3 && ecco >= 0.5)
        {
            _irez = 2;
        }

        double theta = _gsto % TwoPi;
        if (_irez == 2)
        {
            InitHalfDayResonance(no, ecco, cosim, sinim, theta, elements, rates,
                out _d2201, out _d2211, out _d3210, out _d3222, out _d4410, out _d4422,
                out _d5220, out _d5232, out _d5421, out _d5433, out _xlamo, out _xfact);
        }
        else if (_irez == 1)
        {
            InitSynchronousResonance(no, emsq, cosim, sinim, theta, elements, rates,
                out _del1, out _del2, out _del3, out _xlamo, out _xfact);
        }
    }

    /// <summary>True when a 12 h or 24 h resonance is integrated.</summary>
    public bool IsResonant => _irez != 0;
}
