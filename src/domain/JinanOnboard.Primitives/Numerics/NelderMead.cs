namespace JinanOnboard.Primitives.Numerics;

/// <summary>
/// Downhill simplex minimisation (Nelder &amp; Mead, Comput. J. 7, 308 (1965); the standard coefficients 1, 2, ½, ½ of
/// Lagarias et al., SIAM J. Optim. 9, 112 (1998)). Deterministic; for few-parameter fits (the polarization compensator, the studies' intensity optimisers).
/// </summary>
public static class NelderMead
{
    /// <summary>
    /// Minimise <paramref name="f"/> from <paramref name="start"/> with an initial simplex of edge <paramref name="step"/>
    /// along each axis; stops when the simplex's values span at most <paramref name="tolerance"/> or after
    /// <paramref name="maxEvaluations"/> evaluations. Returns the best point and its value.
    /// </summary>
    public static (double[] Point, double Value) Minimize(Func<double[], double> f, double[] start, double step, double tolerance, int maxEvaluations)
    {
        int n = start.Length;
        var simplex = new double[n + 1][];
        var values = new double[n + 1];
        for (int i = 0; i <= n; i++)
        {
            simplex[i] = (double[])start.Clone();
            if (i > 0)
            {
                simplex[i][i - 1] += step;
            }

            values[i] = f(simplex[i]);
        }

        int evaluations = n + 1;
        var centroid = new double[n];
        while (evaluations < maxEvaluations)
        {
            Array.Sort(values, simplex);
            if (values[n] - values[0] <= tolerance)
            {
                break;
            }

            Array.Clear(centroid);
            for (int i = 0; i < n; i++)
            {
                for (int k = 0; k < n; k++)
                {
                    centroid[k] += simplex[i][k] / n;
                }
            }

            double[] reflected = Along(centroid, simplex[n], -1.0);
            double fr = f(reflected);
            evaluations++;
            if (fr < values[0])
            {
                double[] expanded = Along(centroid, simplex[n], -2.0);
                double fe = f(expanded);
                evaluations++;
                (simplex[n], values[n]) = fe < fr ? (expanded, fe) : (reflected, fr);
            }
            else if (fr < values[n - 1])
            {
                (simplex[n], values[n]) = (reflected, fr);
            }
            else
            {
                bool outside = fr < values[n];
                double[] contracted = Along(centroid, simplex[n], outside ? -0.5 : 0.5);
                double fc = f(contracted);
                evaluations++;
                if (fc < (outside ? fr : values[n]))
                {
                    (simplex[n], values[n]) = (contracted, fc);
                }
                else
                {
                    for (int i = 1; i <= n; i++)
                    {
                        for (int k = 0; k < n; k++)
                        {
                            simplex[i][k] = simplex[0][k] + (0.5 * (simplex[i][k] - simplex[0][k]));
                        }

                        values[i] = f(simplex[i]);
                        evaluations++;
                    }
                }
            }
        }

        Array.Sort(values, simplex);
        return (simplex[0], values[0]);
    }

    /// <summary>centroid + t (worst − centroid): t = −1 reflects, −2 expands, ±½ contracts.</summary>
    private static double[] Along(double[] centroid, double[] worst, double t)
    {
        var p = new double[centroid.Length];
        for (int k = 0; k < p.Length; k++)
        {
            p[k] = centroid[k] + (t * (worst[k] - centroid[k]));
        }

        return p;
    }
}
