namespace JinanOnboard.Orbit.Sgp4;

/// <summary>Deep-space secular effects and resonance integration (dspace of Vallado et al. 2006).</summary>
internal sealed partial class DeepSpaceTerms
{
    private const double Fasx2 = 0.13130908;
    private const double Fasx4 = 2.8843198;
    private const double Fasx6 = 0.37448087;
    private const double G22 = 5.7686396;
    private const double G32 = 0.95240898;
    private const double G44 = 1.8014998;
    private const double G52 = 1.0508330;
    private const double G54 = 4.4108898;

    private static readonly Phasor MinusFasx2 = Phasor.FromAngle(-Fasx2);
    private static readonly Phasor MinusTwoFasx4 = Phasor.FromAngle(-2.0 * Fasx4);
    private static readonly Phasor MinusThreeFasx6 = Phasor.FromAngle(-3.0 * Fasx6);
    private static readonly Phasor MinusG22 = Phasor.FromAngle(-G22);
    private static readonly Phasor MinusG32 = Phasor.FromAngle(-G32);
    private static readonly Phasor MinusG44 = Phasor.FromAngle(-G44);
    private static readonly Phasor MinusG52 = Phasor.FromAngle(-G52);
    private static readonly Phasor MinusG54 = Phasor.FromAngle(-G54);

    /// <summary>Integrator step, minutes (Euler-Maclaurin with fixed 720 min steps from epoch).</summary>
    private const double StepMin = 720.0;
    private const double Step2 = 259200.0;

    /// <summary>
    /// Applies lunar-solar secular rates and, for resonant orbits, integrates the resonance from epoch
    /// to <paramref name="tMin"/>. The integration always restarts at epoch, which gives the same numbers
    /// as Vallado's cached integrator (its steps are the same fixed 720 min grid) and keeps this type immutable.
    /// </summary>
    public void ApplySecular(
        double tMin, double argpo, double argpdot, double no,
        ref double em, ref double argpm, ref double inclm, ref double mm, ref double nodem, ref double nm)
    {
        double theta = (_gsto + (tMin * Rptim)) % TwoPi;
        em += _dedt * tMin;
        inclm += _didt * tMin;
        argpm += _domdt * tMin;
        nodem += _dnodt * tMin;
        mm += _dmdt * tMin;

        if (_irez == 0)
        {
            return;
        }

        double atime = 0.0;
        double xni = no;
        double xli = _xlamo;
        double delt = tMin > 0.0 ? StepMin : -StepMin;
        double ft;
        double xndt, xldot, xnddt;
        while (true)
        {
            // Resonance arguments are integer combinations of xli, xomi and constants: build them from
            // two phasors (sin of the sum is the imaginary part of the product) instead of one SinCos each.
            if (_irez != 2)
            {
                // Near-synchronous resonance terms: angles xli - fasx2, 2 (xli - fasx4), 3 (xli - fasx6).
                Phasor l1 = Phasor.FromAngle(xli);
                Phasor l2 = l1 * l1;
                Phasor a1 = l1 * MinusFasx2;
                Phasor a2 = l2 * MinusTwoFasx4;
                Phasor a3 = l2 * l1 * MinusThreeFasx6;
                xndt = (_del1 * a1.Sin) + (_del2 * a2.Sin) + (_del3 * a3.Sin);
                xldot = xni + _xfact;
                xnddt = (_del1 * a1.Cos) + (2.0 * _del2 * a2.Cos) + (3.0 * _del3 * a3.Cos);
                xnddt *= xldot;
            }
            else
            {
                // Near half-day resonance terms.
                double xomi = argpo + (argpdot * atime);
                Phasor l = Phasor.FromAngle(xli);
                Phasor w = Phasor.FromAngle(xomi);
                Phasor wc = w.Conjugate;
                Phasor l2 = l * l;
                Phasor lPlusW = l * w;
                Phasor lMinusW = l * wc;
                Phasor p2201 = lPlusW * w * MinusG22;      // 2 xomi + xli - g22
                Phasor p2211 = l * MinusG22;               // xli - g22
                Phasor p3210 = lPlusW * MinusG32;          // xomi + xli - g32
                Phasor p3222 = lMinusW * MinusG32;         // -xomi + xli - g32
                Phasor p4410 = lPlusW * lPlusW * MinusG44; // 2 xomi + 2 xli - g44
                Phasor p4422 = l2 * MinusG44;              // 2 xli - g44
                Phasor p5220 = lPlusW * MinusG52;          // xomi + xli - g52
                Phasor p5232 = lMinusW * MinusG52;         // -xomi + xli - g52
                Phasor p5421 = l2 * w * MinusG54;          // xomi + 2 xli - g54
                Phasor p5433 = l2 * wc * MinusG54;         // -xomi + 2 xli - g54
                xndt = (_d2201 * p2201.Sin) + (_d2211 * p2211.Sin) + (_d3210 * p3210.Sin) + (_d3222 * p3222.Sin)
                    + (_d4410 * p4410.Sin) + (_d4422 * p4422.Sin) + (_d5220 * p5220.Sin) + (_d5232 * p5232.Sin)
                    + (_d5421 * p5421.Sin) + (_d5433 * p5433.Sin);
                xldot = xni + _xfact;
                xnddt = (_d2201 * p2201.Cos) + (_d2211 * p2211.Cos) + (_d3210 * p3210.Cos) + (_d3222 * p3222.Cos)
                    + (_d5220 * p5220.Cos) + (_d5232 * p5232.Cos)
                    + (2.0 * ((_d4410 * p4410.Cos) + (_d4422 * p4422.Cos) + (_d5421 * p5421.Cos) + (_d5433 * p5433.Cos)));
                xnddt *= xldot;
            }

            if (Math.Abs(tMin - atime) >= StepMin)
            {
                xli = xli + (xldot * delt) + (xndt * Step2);
                xni = xni + (xndt * delt) + (xnddt * Step2);
                atime += delt;
            }
            else
            {
                ft = tMin - atime;
                break;
            }
        }

        nm = xni + (xndt * ft) + (xnddt * ft * ft * 0.5);
        double xl = xli + (xldot * ft) + (xndt * ft * ft * 0.5);
        mm = _irez != 1
            ? xl - (2.0 * nodem) + (2.0 * theta)
            : xl - nodem - argpm + theta;
        double dndt = nm - no;
        nm = no + dndt;
    }
}
