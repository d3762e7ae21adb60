namespace JinanOnboard.Studies.Scheduling.Strategies;

/// <summary>An S-TD schedule and how it was found.</summary>
public sealed record TargetDistributionResult(Schedule Schedule, double KlDivergence, double TotalBits, bool TargetReached, int Iterations, int IterationOfBest, int IntervalsTrimmed);

/// <summary>
/// S-TD (models.md §8): maximise Σ_n E_n while D_KL(p ‖ w) &lt; target. Method (the brief leaves it free): a Lagrangian
/// relaxation solved exactly by <see cref="DynamicProgramScheduler"/>: maximise Σ_n λ_n E_n, then move the multipliers
/// multiplicatively towards the weights, λ_n ← λ_n (w_n / p_n)^γ, so under-served cities gain priority. A linear objective
/// only reaches the supported points of the achievable set, so each iterate is then made feasible by trimming: the
/// most over-served city (largest p_n / w_n) gives up its smallest served interval (turned idle, which never breaks the
/// switching rule) until D_KL &lt; target. The feasible iterate with the most key wins.
/// </summary>
public sealed class TargetDistributionScheduler
{
    private readonly DynamicProgramScheduler _dp;

    /// <summary>Over the exact scheduler's table.</summary>
    public TargetDistributionScheduler(DynamicProgramScheduler dp)
    {
        ArgumentNullException.ThrowIfNull(dp);
        _dp = dp;
    }

    /// <summary>Run up to <paramref name="maxIterations"/> multiplier updates.</summary>
    public TargetDistributionResult Solve(IReadOnlyList<double> weights, double targetKl = 0.01, int maxIterations = 120)
    {
        ArgumentNullException.ThrowIfNull(weights);
        int n = _dp.Table.CityCount;
        double[] w = [.. weights];
        double[] potential = [.. Enumerable.Range(0, n).Select(_dp.Table.PotentialBits)];
        var lambda = new double[n];
        Array.Fill(lambda, 1.0);

        TargetDistributionResult? best = null;
        TargetDistributionResult? closest = null;
        for (int it = 0; it < maxIterations; it++)
        {
            Schedule raw = _dp.Solve(lambda);
            double[] e = raw.DeliveredBits(_dp.Table);
            (Schedule trimmed, double[] kept, int removed) = Trim(raw, e, w, targetKl);
            double d = ShareDivergence.Of(kept, w);
            double total = kept.Sum();
            var candidate = new TargetDistributionResult(trimmed, d, total, d < targetKl, it + 1, it + 1, removed);
            if (candidate.TargetReached && (best is null || total > best.TotalBits))
            {
                best = candidate;
            }

            if (closest is null || d < closest.KlDivergence)
            {
                closest = candidate;
            }

            // Multiplicative update on the untrimmed shares; the step shrinks so the multipliers settle.
            double totalRaw = e.Sum();
            double gamma = 1.0 / (1.0 + (0.05 * it));
            double max = 0;
            for (int c = 0; c < n; c++)
            {
                if (potential[c] > 0 && totalRaw > 0)
                {
                    double p = Math.Max(e[c] / totalRaw, 1e-6);
                    lambda[c] *= Math.Pow(w[c] / p, gamma);
                }

                max = Math.Max(max, lambda[c]);
            }

            for (int c = 0; c < n; c++)
            {
                lambda[c] /= max;
            }
        }

        TargetDistributionResult chosen = best ?? closest!;
        return chosen with { Iterations = maxIterations };
    }

    /// <summary>Greedy trimming of over-served cities until D_KL &lt; target (or nothing is left to trim).</summary>
    internal (Schedule Schedule, double[] Delivered, int Removed) Trim(Schedule schedule, double[] delivered, double[] weights, double targetKl)
    {
        double[] e = (double[])delivered.Clone();
        if (ShareDivergence.Of(e, weights) < targetKl)
        {
            return (schedule, e, 0);
        }

        int n = e.Length;
        var served = new List<(double Key, int Interval)>[n];
        for (int c = 0; c < n; c++)
        {
            served[c] = [];
        }

        for (int m = 0; m < schedule.Intervals; m++)
        {
            int c = schedule[m];
            if (c != Schedule.Idle)
            {
                served[c].Add((_dp.Table[m, c], m));
            }
        }

        foreach (List<(double Key, int Interval)> list in served)
        {
            list.Sort();
        }

        var next = new int[n];
        var city = new int[schedule.Intervals];
        for (int m = 0; m < city.Length; m++)
        {
            city[m] = schedule[m];
        }

        int removed = 0;
        while (ShareDivergence.Of(e, weights) >= targetKl)
        {
            int worst = -1;
            double worstRatio = 0;
            for (int c = 0; c < n; c++)
            {
                double ratio = e[c] / weights[c];
                if (next[c] < served[c].Count && ratio > worstRatio)
                {
                    worst = c;
                    worstRatio = ratio;
                }
            }

            if (worst < 0)
            {
                break;
            }

            (double key, int interval) = served[worst][next[worst]++];
            city[interval] = Schedule.Idle;
            e[worst] = Math.Max(0, e[worst] - key);
            removed++;
        }

        return (new Schedule(city), e, removed);
    }
}
