namespace JinanOnboard.Orbit.Sgp4;

/// <summary>Resonance initialization (dsinit of Vallado et al. 2006).</summary>
internal sealed partial class DeepSpaceTerms
{
    // Geopotential resonance constants of Spacetrack Report #3.
    private const double Q22 = 1.7891679e-6;
    private const double Q31 = 2.1460748e-6;
    private const double Q33 = 2.2123015e-7;
    private const double Root22 = 1.7891679e-6;
    private const double Root44 = 7.3636953e-9;
    private const double Root54 = 2.1765803e-9;
    private const double Root32 = 3.7393792e-7;
    private const double Root52 = 1.1428639e-7;

    /// <summary>12 h resonance (Molniya-like orbits, e >= 0.5): the d-coefficients of the tesseral terms.</summary>
    private void InitHalfDayResonance(
        double no, double em, double cosim, double sinim, double theta, in MeanElements elements, in SecularRates rates,
        out double d2201, out double d2211, out double d3210, out double d3222, out double d4410, out double d4422,
        out double d5220, out double d5232, out double d5421, out double d5433, out double xlamo, out double xfact)
    {
        double aonv = Math.Pow(no / Wgs72.Xke, 2.0 / 3.0);
        double cosisq = cosim * cosim;
        double emsq = em * em;
        double eoc = em * emsq;
        double g201 = -0.306 - ((em - 0.64) * 0.440);
        double g211, g310, g322, g410, g422, g520, g521, g532, g533;

        // Polynomial fits in eccentricity, split at e = 0.65 (and 0.715 for g520), as in the report.
        if (em <= 0.65)
        {
            g211 = 3.616 - (13.2470 * em) + (16.2900 * emsq);
            g310 = -19.302 + (117.3900 * em) - (228.4190 * emsq) + (156.5910 * eoc);
            g322 = -18.9068 + (109.7927 * em) - (214.6334 * emsq) + (146.5816 * eoc);
            g410 = -41.122 + (242.6940 * em) - (471.0940 * emsq) + (313.9530 * eoc);
            g422 = -146.407 + (841.8800 * em) - (1629.014 * emsq) + (1083.4350 * eoc);
            g520 = -532.114 + (3017.977 * em) - (5740.032 * emsq) + (3708.2760 * eoc);
        }
        else
        {
            g211 = -72.099 + (331.819 * em) - (508.738 * emsq) + (266.724 * eoc);
            g310 = -346.844 + (1582.851 * em) - (2415.925 * emsq) + (1246.113 * eoc);
            g322 = -342.585 + (1554.908 * em) - (2366.899 * emsq) + (1215.972 * eoc);
            g410 = -1052.797 + (4758.686 * em) - (7193.992 * emsq) + (3651.957 * eoc);
            g422 = -3581.690 + (16178.110 * em) - (24462.770 * emsq) + (12422.520 * eoc);
            g520 = em > 0.715
                ? -5149.66 + (29936.92 * em) - (54087.36 * emsq) + (31324.56 * eoc)
                : 1464.74 - (4664.75 * em) + (3763.64 * emsq);
        }

        if (em < 0.7)
        {
            g533 = -919.22770 + (4988.6100 * em) - (9064.7700 * emsq) + (5542.21 * eoc);
            g521 = -822.71072 + (4568.6173 * em) - (8491.4146 * emsq) + (5337.524 * eoc);
            g532 = -853.66600 + (4690.2500 * em) - (8624.7700 * emsq) + (5341.4 * eoc);
        }
        else
        {
            g533 = -37995.780 + (161616.52 * em) - (229838.20 * emsq) + (109377.94 * eoc);
            g521 = -51752.104 + (218913.95 * em) - (309468.16 * emsq) + (146349.42 * eoc);
            g532 = -40023.880 + (170470.89 * em) - (242699.48 * emsq) + (115605.82 * eoc);
        }

        double sini2 = sinim * sinim;
        double f220 = 0.75 * (1.0 + (2.0 * cosim) + cosisq);
        double f221 = 1.5 * sini2;
        double f321 = 1.875 * sinim * (1.0 - (2.0 * cosim) - (3.0 * cosisq));
        double f322 = -1.875 * sinim * (1.0 + (2.0 * cosim) - (3.0 * cosisq));
        double f441 = 35.0 * sini2 * f220;
        double f442 = 39.3750 * sini2 * sini2;
        double f522 = 9.84375 * sinim * ((sini2 * (1.0 - (2.0 * cosim) - (5.0 * cosisq)))
            + (0.33333333 * (-2.0 + (4.0 * cosim) + (6.0 * cosisq))));
        double f523 = sinim * ((4.92187512 * sini2 * (-2.0 - (4.0 * cosim) + (10.0 * cosisq)))
            + (6.56250012 * (1.0 + (2.0 * cosim) - (3.0 * cosisq))));
        double f542 = 29.53125 * sinim * (2.0 - (8.0 * cosim) + (cosisq * (-12.0 + (8.0 * cosim) + (10.0 * cosisq))));
        double f543 = 29.53125 * sinim * (-2.0 - (8.0 * cosim) + (cosisq * (12.0 + (8.0 * cosim) - (10.0 * cosisq))));

        double xno2 = no * no;
        double ainv2 = aonv * aonv;
        double temp1 = 3.0 * xno2 * ainv2;
        double temp = temp1 * Root22;
        d2201 = temp * f220 * g201;
        d2211 = temp * f221 * g211;
        temp1 *= aonv;
        temp = temp1 * Root32;
        d3210 = temp * f321 * g310;
        d3222 = temp * f322 * g322;
        temp1 *= aonv;
        temp = 2.0 * temp1 * Root44;
        d4410 = temp * f441 * g410;
        d4422 = temp * f442 * g422;
        temp1 *= aonv;
        temp = temp1 * Root52;
        d5220 = temp * f522 * g520;
        d5232 = temp * f523 * g532;
        temp = 2.0 * temp1 * Root54;
        d5421 = temp * f542 * g521;
        d5433 = temp * f543 * g533;
        xlamo = (elements.MeanAnomalyRad + elements.NodeRad + elements.NodeRad - theta - theta) % TwoPi;
        xfact = rates.MeanAnomalyDot + _dmdt + (2.0 * (rates.NodeDot + _dnodt - Rptim)) - no;
    }

    /// <summary>24 h resonance (geosynchronous orbits): the del-coefficients.</summary>
    private void InitSynchronousResonance(
        double no, double emsq, double cosim, double sinim, double theta, in MeanElements elements, in SecularRates rates,
        out double del1, out double del2, out double del3, out double xlamo, out double xfact)
    {
        double aonv = Math.Pow(no / Wgs72.Xke, 2.0 / 3.0);
        double g200 = 1.0 + (emsq * (-2.5 + (0.8125 * emsq)));
        double g310 = 1.0 + (2.0 * emsq);
        double g300 = 1.0 + (emsq * (-6.0 + (6.60937 * emsq)));
        double f220 = 0.75 * (1.0 + cosim) * (1.0 + cosim);
        double f311 = (0.9375 * sinim * sinim * (1.0 + (3.0 * cosim))) - (0.75 * (1.0 + cosim));
        double f330 = 1.0 + cosim;
        f330 = 1.875 * f330 * f330 * f330;
        del1 = 3.0 * no * no * aonv * aonv;
        del2 = 2.0 * del1 * f220 * g200 * Q22;
        del3 = 3.0 * del1 * f330 * g300 * Q33 * aonv;
        del1 = del1 * f311 * g310 * Q31 * aonv;
        xlamo = (elements.MeanAnomalyRad + elements.NodeRad + elements.ArgPerigeeRad - theta) % TwoPi;
        double xpidot = rates.ArgPerigeeDot + rates.NodeDot;
        xfact = rates.MeanAnomalyDot + xpidot - Rptim + _dmdt + _domdt + _dnodt - no;
    }
}
