namespace JinanOnboard.Orbit.Sgp4;

/// <summary>
/// Lunar or solar perturbation coefficients of one third body at epoch (the "s" and "z" quantities
/// of Spacetrack Report #3 DSCOM / Vallado's dscom, computed once per body).
/// </summary>
internal readonly struct ThirdBodyTerms
{
    public readonly double S1, S2, S3, S4, S5, S6, S7;
    public readonly double Z1, Z2, Z3, Z11, Z12, Z13, Z21, Z22, Z23, Z31, Z32, Z33;

    /// <summary>
    /// Direction cosines of the body's orbit (zcosg..zsinh), its coupling constant <paramref name="cc"/>
    /// and the satellite's mean elements at epoch give the coefficients.
    /// </summary>
    public ThirdBodyTerms(
        double zcosg, double zsing, double zcosi, double zsini, double zcosh, double zsinh, double cc,
        double meanMotion, double eccentricity, double cosInc, double sinInc, double cosArgp, double sinArgp)
    {
        double emsq = eccentricity * eccentricity;
        double betasq = 1.0 - emsq;
        double rtemsq = Math.Sqrt(betasq);

        double a1 = (zcosg * zcosh) + (zsing * zcosi * zsinh);
        double a3 = (-zsing * zcosh) + (zcosg * zcosi * zsinh);
        double a7 = (-zcosg * zsinh) + (zsing * zcosi * zcosh);
        double a8 = zsing * zsini;
        double a9 = (zsing * zsinh) + (zcosg * zcosi * zcosh);
        double a10 = zcosg * zsini;
        double a2 = (cosInc * a7) + (sinInc * a8);
        double a4 = (cosInc * a9) + (sinInc * a10);
        double a5 = (-sinInc * a7) + (cosInc * a8);
        double a6 = (-sinInc * a9) + (cosInc * a10);

        double x1 = (a1 * cosArgp) + (a2 * sinArgp);
        double x2 = (a3 * cosArgp) + (a4 * sinArgp);
        double x3 = (-a1 * sinArgp) + (a2 * cosArgp);
        double x4 = (-a3 * sinArgp) + (a4 * cosArgp);
        double x5 = a5 * sinArgp;
        double x6 = a6 * sinArgp;
        double x7 = a5 * cosArgp;
        double x8 = a6 * cosArgp;

        Z31 = (12.0 * x1 * x1) - (3.0 * x3 * x3);
        Z32 = (24.0 * x1 * x2) - (6.0 * x3 * x4);
        Z33 = (12.0 * x2 * x2) - (3.0 * x4 * x4);
        double z1 = (3.0 * ((a1 * a1) + (a2 * a2))) + (Z31 * emsq);
        double z2 = (6.0 * ((a1 * a3) + (a2 * a4))) + (Z32 * emsq);
        double z3 = (3.0 * ((a3 * a3) + (a4 * a4))) + (Z33 * emsq);
        Z11 = (-6.0 * a1 * a5) + (emsq * ((-24.0 * x1 * x7) - (6.0 * x3 * x5)));
        Z12 = (-6.0 * ((a1 * a6) + (a3 * a5))) + (emsq * ((-24.0 * ((x2 * x7) + (x1 * x8))) - (6.0 * ((x3 * x6) + (x4 * x5)))));
        Z13 = (-6.0 * a3 * a6) + (emsq * ((-24.0 * x2 * x8) - (6.0 * x4 * x6)));
        Z21 = (6.0 * a2 * a5) + (emsq * ((24.0 * x1 * x5) - (6.0 * x3 * x7)));
        Z22 = (6.0 * ((a4 * a5) + (a2 * a6))) + (emsq * ((24.0 * ((x2 * x5) + (x1 * x6))) - (6.0 * ((x4 * x7) + (x3 * x8)))));
        Z23 = (6.0 * a4 * a6) + (emsq * ((24.0 * x2 * x6) - (6.0 * x4 * x8)));
        Z1 = z1 + z1 + (betasq * Z31);
        Z2 = z2 + z2 + (betasq * Z32);
        Z3 = z3 + z3 + (betasq * Z33);
        S3 = cc * (1.0 / meanMotion);
        S2 = -0.5 * S3 / rtemsq;
        S4 = S3 * rtemsq;
        S1 = -15.0 * eccentricity * S4;
        S5 = (x1 * x3) + (x2 * x4);
        S6 = (x2 * x3) + (x1 * x4);
        S7 = (x2 * x4) - (x1 * x3);
    }
}
