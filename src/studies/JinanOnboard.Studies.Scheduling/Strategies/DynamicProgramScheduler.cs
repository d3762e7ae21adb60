using JinanOnboard.Studies.Scheduling.Keys;

namespace JinanOnboard.Studies.Scheduling.Strategies;

/// <summary>
/// Exact maximiser of Σ_n c_n E_n under the constraints of models.md §8 (one city per interval; another city only after
/// an idle interval), by dynamic programming over intervals with state "city served or idle" (N + 1 states):
/// best_m(n) = c_n K[m][n] + max(best_(m-1)(n), best_(m-1)(idle)), best_m(idle) = max_s best_(m-1)(s).
/// O(M·N) time. S-GD is c = 1, S-PD is c = w (models.md §8 notes both are solvable this way); S-TD uses it with
/// Lagrangian coefficients (<see cref="TargetDistributionScheduler"/>).
/// </summary>
public sealed class DynamicProgramScheduler
{
    private readonly KeyTable _table;
    private readonly ActiveIntervals _active;

    /// <summary>Prepare for repeated solves over one table.</summary>
    public DynamicProgramScheduler(KeyTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        _table = table;
        _active = ActiveIntervals.From(table);
    }

    /// <summary>The table.</summary>
    public KeyTable Table => _table;

    /// <summary>Number of intervals where some city can get key.</summary>
    public int ActiveIntervalCount => _active.Count;

    internal ActiveIntervals Active => _active;

    /// <summary>The schedule maximising Σ_n coefficients[n]·E_n (coefficients ≥ 0).</summary>
    public Schedule Solve(ReadOnlySpan<double> coefficients)
    {
        int n = _active.CityCount;
        if (coefficients.Length != n)
        {
            throw new ArgumentException($"expected {n} coefficients, got {coefficients.Length}", nameof(coefficients));
        }

        int idle = n;
        int states = n + 1;
        int count = _active.Count;
        var predecessor = new byte[count * states];
        Span<double> best = stackalloc double[states];
        Span<double> next = stackalloc double[states];
        best.Clear();
        for (int i = 0; i < count; i++)
        {
            // Unconstrained predecessor: the best state so far (lowest index on ties, so the result is unique).
            int argmax = 0;
            for (int s = 1; s < states; s++)
            {
                if (best[s] > best[argmax])
                {
                    argmax = s;
                }
            }

            bool linked = _active.FollowsPrevious[i];
            ReadOnlySpan<double> keys = _active.Keys.AsSpan(i * n, n);
            for (int c = 0; c < n; c++)
            {
                int from;
                if (linked)
                {
                    // Staying on c, or coming from an idle interval (staying wins ties: fewer switches).
                    from = best[c] >= best[idle] ? c : idle;
                }
                else
                {
                    // An interval without key lies between: it can be idle, so any state may precede.
                    from = argmax;
                }

                next[c] = best[from] + (coefficients[c] * keys[c]);
                predecessor[(i * states) + c] = (byte)from;
            }

            next[idle] = best[argmax];
            predecessor[(i * states) + idle] = (byte)argmax;
            next.CopyTo(best);
        }

        int state = 0;
        for (int s = 1; s < states; s++)
        {
            if (best[s] > best[state])
            {
                state = s;
            }
        }

        var choice = new int[count];
        for (int i = count - 1; i >= 0; i--)
        {
            choice[i] = state == idle ? Schedule.Idle : state;
            state = predecessor[(i * states) + state];
        }

        return _active.Expand(choice, _table.Intervals);
    }
}
