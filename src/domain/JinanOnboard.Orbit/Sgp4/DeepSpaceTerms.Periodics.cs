namespace JinanOnboard.Orbit.Sgp4;

/// <summary>Lunar-solar long-period periodics (dpper of Vallado et al. 2006).</summary>
internal sealed partial class DeepSpaceTerms
{
    /// <summary>
    /// Adds the lunar-solar long-period periodics at <paramref name="tMin"/> minutes from epoch to the
    /// secularly updated elements. By construction they vanish at epoch: the epoch values (peo, pinco,
    /// plo, pgho, pho of the report) are zero because dpper is not applied during initialization.
    /// </summary>
    public void ApplyPeriodics(double tMin, ref double ep, ref double inclp, ref double nodep, ref double argpp, ref double mp)
    {
        // Solar terms.
        double zm = _zmos + (Zns * tMin);
        double zf = zm + (2.0 * Zes * Math.Sin(zm));
        (double sinzf, double coszf) = Math.SinCos(zf);
        double f2 = (0.5 * sinzf * sinzf) - 0.25;
        double f3 = -0.5 * sinzf * coszf;
        double ses = (_se2 * f2) + (_se3 * f3);
        double sis = (_si2 * f2) + (_si3 * f3);
        double sls = (_sl2 * f2) + (_sl3 * f3) + (_sl4 * sinzf);
        double sghs = (_sgh2 * f2) + (_sgh3 * f3) + (_sgh4 * sinzf);
        double shs = (_sh2 * f2) + (_sh3 * f3);

        // Lunar terms.
        zm = _zmol + (Znl * tMin);
        zf = zm + (2.0 * Zel * Math.Sin(zm));
        (sinzf, coszf) = Math.SinCos(zf);
        f2 = (0.5 * sinzf * sinzf) - 0.25;
        f3 = -0.5 * sinzf * coszf;
        double sel = (_ee2 * f2) + (_e3 * f3);
        double sil = (_xi2 * f2) + (_xi3 * f3);
        double sll = (_xl2 * f2) + (_xl3 * f3) + (_xl4 * sinzf);
        double sghl = (_xgh2 * f2) + (_xgh3 * f3) + (_xgh4 * sinzf);
        double shll = (_xh2 * f2) + (_xh3 * f3);

        double pe = ses + sel;
        double pinc = sis + sil;
        double pl = sls + sll;
        double pgh = sghs + sghl;
        double ph = shs + shll;

        inclp += pinc;
        ep += pe;
        (double sinip, double cosip) = Math.SinCos(inclp);

        // Lyddane choice (AIAA 2006-6753 §"Lyddane modification"): the perturbed inclination decides,
        // as in the GSFC version; below 0.2 rad the periodics are applied in equinoctial-like form.
        if (inclp >= 0.2)
        {
            ph /= sinip;
            pgh -= cosip * ph;
            argpp += pgh;
            nodep += ph;
            mp += pl;
        }
        else
        {
            (double sinop, double cosop) = Math.SinCos(nodep);
            double alfdp = sinip * sinop;
            double betdp = sinip * cosop;
            double dalf = (ph * cosop) + (pinc * cosip * sinop);
            double dbet = (-ph * sinop) + (pinc * cosip * cosop);
            alfdp += dalf;
            betdp += dbet;
            nodep %= TwoPi;
            if (nodep < 0.0 && _mode == Sgp4OperationMode.Afspc)
            {
                nodep += TwoPi;
            }

            double xls = mp + argpp + (cosip * nodep);
            double dls = pl + pgh - (pinc * nodep * sinip);
            xls += dls;
            double xnoh = nodep;
            nodep = Math.Atan2(alfdp, betdp);
            if (nodep < 0.0 && _mode == Sgp4OperationMode.Afspc)
            {
                nodep += TwoPi;
            }

            // Keep the node on the same branch as before (no jump of 2 pi across the atan2 cut).
            if (Math.Abs(xnoh - nodep) > Math.PI)
            {
                nodep = nodep < xnoh ? nodep + TwoPi : nodep - TwoPi;
            }

            mp += pl;
            argpp = xls - mp - (cosip * nodep);
        }
    }
}
