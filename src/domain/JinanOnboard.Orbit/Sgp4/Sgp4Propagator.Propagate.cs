using JinanOnboard.Orbit.Ephemeris;

namespace JinanOnboard.Orbit.Sgp4;

/// <summary>The sgp4 prediction routine (Vallado et al. 2006), allocation-free.</summary>
public sealed partial class Sgp4Propagator
{
    /// <summary>Largest accepted |minutes since epoch| (about 190 years; TLEs are useful for days to weeks).</summary>
    public const double MaxAbsMinutesSinceEpoch = 1e8;

    /// <summary>
    /// TEME state at <paramref name="minutesSinceEpoch"/> minutes after the TLE epoch (negative values go back).
    /// </summary>
    /// <exception cref="OrbitPropagationException">
    /// Vallado's error codes: 1 mean eccentricity out of [-0.001, 1), 2 mean motion not positive,
    /// 3 perturbed eccentricity out of [0, 1], 4 semi-latus rectum negative, 6 decayed (radius below one earth radius).
    /// </exception>
    /// <remarks>
    /// Cost is constant for near-earth orbits. Resonant deep-space orbits (12 h and 24 h) integrate the
    /// resonance from epoch in 720 min steps on every call (stateless, so thread-safe and repeatable), which
    /// adds one step per half day of distance from epoch: cheap for days or weeks, noticeable for years.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">
    /// The time is not finite or more than <see cref="MaxAbsMinutesSinceEpoch"/> from epoch (the deep-space
    /// resonance integrator steps 720 min at a time from epoch, so an absurd time would hang it).
    /// </exception>
    public TemeState Propagate(double minutesSinceEpoch)
    {
        double t = minutesSinceEpoch;
        if (!(Math.Abs(t) <= MaxAbsMinutesSinceEpoch))
        {
            throw new ArgumentOutOfRangeException(nameof(minutesSinceEpoch), minutesSinceEpoch,
                "Time since TLE epoch must be finite and within 1e8 minutes (about 190 years).");
        }

        // ---- secular gravity and atmospheric drag ----
        double xmdf = _mo + (_mdot * t);
        double argpdf = _argpo + (_argpdot * t);
        double nodedf = _nodeo + (_nodedot * t);
        double argpm = argpdf;
        double mm = xmdf;
        double t2 = t * t;
        double nodem = nodedf + (_nodecf * t2);
        double tempa = 1.0 - (_cc1 * t);
        double tempe = _bstar * _cc4 * t;
        double templ = _t2cof * t2;

        if (!_isimp)
        {
            double delomg = _omgcof * t;
            double delmBase = 1.0 + (_eta * Math.Cos(xmdf));
            double delm = _xmcof * ((delmBase * delmBase * delmBase) - _delmo);
            double temp = delomg + delm;
            mm = xmdf + temp;
            argpm = argpdf - temp;
            double t3 = t2 * t;
            double t4 = t3 * t;
            tempa = tempa - (_d2 * t2) - (_d3 * t3) - (_d4 * t4);
            tempe += _bstar * _cc5 * (Math.Sin(mm) - _sinmao);
            templ = templ + (_t3cof * t3) + (t4 * (_t4cof + (t * _t5cof)));
        }

        double nm = _no;
        double em = _ecco;
        double inclm = _inclo;
        _deep?.ApplySecular(t, _argpo, _argpdot, _no, ref em, ref argpm, ref inclm, ref mm, ref nodem, ref nm);

        if (nm <= 0.0)
        {
            throw Failure(2, t, "mean motion is not positive");
        }

        // (xke/n)^(2/3) and am^1.5 without Math.Pow, which costs several times a cube or square root.
        double cbrt = Math.Cbrt(Wgs72.Xke / nm);
        double am = cbrt * cbrt * tempa * tempa;
        nm = Wgs72.Xke / (am * Math.Sqrt(am));
        em -= tempe;

        if (em >= 1.0 || em < -0.001)
        {
            throw Failure(1, t, "mean eccentricity out of range (-0.001 <= e < 1)");
        }

        // Avoid a divide by zero in the short-period terms for (nearly) circular orbits.
        if (em < 1.0e-6)
        {
            em = 1.0e-6;
        }

        mm += _no * templ;
        double xlm = mm + argpm + nodem;
        nodem %= TwoPi;
        argpm %= TwoPi;
        xlm %= TwoPi;
        mm = (xlm - argpm - nodem) % TwoPi;

        // ---- lunar-solar periodics ----
        double ep = em;
        double xincp = inclm;
        double argpp = argpm;
        double nodep = nodem;
        double mp = mm;
        double sinip = _sinio;
        double cosip = _cosio;
        double aycof = _aycof;
        double xlcof = _xlcof;
        if (_deep is not null)
        {
            _deep.ApplyPeriodics(t, ref ep, ref xincp, ref nodep, ref argpp, ref mp);
            if (xincp < 0.0)
            {
                xincp = -xincp;
                nodep += Math.PI;
                argpp -= Math.PI;
            }

            if (ep < 0.0 || ep > 1.0)
            {
                throw Failure(3, t, "perturbed eccentricity out of range (0 <= e <= 1)");
            }

            (sinip, cosip) = Math.SinCos(xincp);
            aycof = -0.5 * Wgs72.J3OverJ2 * sinip;
            xlcof = Math.Abs(cosip + 1.0) > 1.5e-12
                ? -0.25 * Wgs72.J3OverJ2 * sinip * (3.0 + (5.0 * cosip)) / (1.0 + cosip)
                : -0.25 * Wgs72.J3OverJ2 * sinip * (3.0 + (5.0 * cosip)) / Temp4;
        }

        // ---- long-period periodics ----
        (double sinArgpp, double cosArgpp) = Math.SinCos(argpp);
        double axnl = ep * cosArgpp;
        double tempLp = 1.0 / (am * (1.0 - (ep * ep)));
        double aynl = (ep * sinArgpp) + (tempLp * aycof);
        double xl = mp + argpp + nodep + (tempLp * xlcof * axnl);

        // ---- Kepler's equation (Newton steps limited to 0.95 rad, at most 10) ----
        double u = (xl - nodep) % TwoPi;
        double eo1 = u;
        double tem5 = 9999.9;
        double sineo1 = 0.0;
        double coseo1 = 0.0;
        for (int ktr = 1; Math.Abs(tem5) >= 1.0e-12 && ktr <= 10; ktr++)
        {
            (sineo1, coseo1) = Math.SinCos(eo1);
            tem5 = 1.0 - (coseo1 * axnl) - (sineo1 * aynl);
            tem5 = (u - (aynl * coseo1) + (axnl * sineo1) - eo1) / tem5;
            if (Math.Abs(tem5) >= 0.95)
            {
                tem5 = tem5 > 0.0 ? 0.95 : -0.95;
            }

            eo1 += tem5;
        }

        // ---- short-period preliminary quantities ----
        double ecose = (axnl * coseo1) + (aynl * sineo1);
        double esine = (axnl * sineo1) - (aynl * coseo1);
        double el2 = (axnl * axnl) + (aynl * aynl);
        double pl = am * (1.0 - el2);
        if (pl < 0.0)
        {
            throw Failure(4, t, "semi-latus rectum is negative");
        }

        double rl = am * (1.0 - ecose);
        double rdotl = Math.Sqrt(am) * esine / rl;
        double rvdotl = Math.Sqrt(pl) / rl;
        double betal = Math.Sqrt(1.0 - el2);
        double tempSp = esine / (1.0 + betal);
        double sinu = am / rl * (sineo1 - aynl - (axnl * tempSp));
        double cosu = am / rl * (coseo1 - axnl + (aynl * tempSp));
        double su = Math.Atan2(sinu, cosu);
        double sin2u = (cosu + cosu) * sinu;
        double cos2u = 1.0 - (2.0 * sinu * sinu);
        double invPl = 1.0 / pl;
        double temp1 = 0.5 * Wgs72.J2 * invPl;
        double temp2 = temp1 * invPl;

        double con41 = _con41;
        double x1mth2 = _x1mth2;
        double x7thm1 = _x7thm1;
        if (_deep is not null)
        {
            double cosisq = cosip * cosip;
            con41 = (3.0 * cosisq) - 1.0;
            x1mth2 = 1.0 - cosisq;
            x7thm1 = (7.0 * cosisq) - 1.0;
        }

        // ---- short-period periodics ----
        double mrt = (rl * (1.0 - (1.5 * temp2 * betal * con41))) + (0.5 * temp1 * x1mth2 * cos2u);
        su -= 0.25 * temp2 * x7thm1 * sin2u;
        double xnode = nodep + (1.5 * temp2 * cosip * sin2u);
        double xinc = xincp + (1.5 * temp2 * cosip * sinip * cos2u);
        double mvt = rdotl - (nm * temp1 * x1mth2 * sin2u / Wgs72.Xke);
        double rvdot = rvdotl + (nm * temp1 * ((x1mth2 * cos2u) + (1.5 * con41)) / Wgs72.Xke);

        if (mrt < 1.0)
        {
            throw Failure(6, t, "satellite has decayed (radius below one earth radius)");
        }

        // ---- orientation vectors ----
        (double sinsu, double cossu) = Math.SinCos(su);
        (double snod, double cnod) = Math.SinCos(xnode);
        (double sini, double cosi) = Math.SinCos(xinc);
        double xmx = -snod * cosi;
        double xmy = cnod * cosi;
        double ux = (xmx * sinsu) + (cnod * cossu);
        double uy = (xmy * sinsu) + (snod * cossu);
        double uz = sini * sinsu;
        double vx = (xmx * cossu) - (cnod * sinsu);
        double vy = (xmy * cossu) - (snod * sinsu);
        double vz = sini * cossu;

        double r = Wgs72.RadiusKm;
        double v = Wgs72.VelocityKmPerS;
        return new TemeState(
            new Vec3(mrt * ux * r, mrt * uy * r, mrt * uz * r),
            new Vec3(((mvt * ux) + (rvdot * vx)) * v, ((mvt * uy) + (rvdot * vy)) * v, ((mvt * uz) + (rvdot * vz)) * v));
    }
}
