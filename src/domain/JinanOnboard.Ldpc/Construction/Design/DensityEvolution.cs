namespace JinanOnboard.Ldpc.Construction.Design;

/// <summary>Result of one density-evolution run.</summary>
/// <param name="Converged">The message error probability fell below the target.</param>
/// <param name="Iterations">Iterations run (to convergence, or until the cap or a fixed point).</param>
/// <param name="ErrorProbability">Error probability of the variable-to-check messages at the end.</param>
internal readonly record struct DensityEvolutionOutcome(bool Converged, int Iterations, double ErrorProbability);

/// <summary>
/// Discretised density evolution of sum-product decoding over the BSC (Chung, Forney, Richardson, Urbanke,
/// "On the design of low-density parity-check codes within 0.0045 dB of the Shannon limit", IEEE Comm. Letters
/// 5(2), 2001): LLR messages live on the grid kΔ, |k| ≤ K (saturated at the ends); the check-node update is the
/// pairwise quantised operator R(a, b) = Q(2 atanh(tanh(a/2)·tanh(b/2))) applied d−1 times (by repeated squaring,
/// it is associative up to quantisation), the variable-node update a convolution done by FFT. The all-zero
/// word is assumed (BSC and BP are symmetric, Richardson–Urbanke 2001), so the error probability is the mass
/// below zero plus half the mass at zero. Syndrome decoding of x from y is the same problem as decoding
/// the all-zero word through the BSC.
/// </summary>
internal sealed class DensityEvolution
{
    private readonly double _stepLlr;
    private readonly int _k;
    private readonly int[] _table;
    private readonly Fft _fft;
    private readonly int _maxVariableDegree;
    private readonly double[] _re;
    private readonly double[] _im;

    /// <param name="maxVariableDegree">Largest variable degree any ensemble run on this instance has.</param>
    /// <param name="stepLlr">Grid step Δ. With 0.2 the (3,6)-regular threshold is within 0.081–0.086 (known: 0.084) and
    /// Elkouss' E60, E65, E70, E85 thresholds within 1–3 % (protocol-spec/ldpc-codes.md §3): enough to rank candidates.</param>
    /// <param name="maxLlr">Saturation |LLR| (KΔ).</param>
    public DensityEvolution(int maxVariableDegree, double stepLlr = 0.2, double maxLlr = 20)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxVariableDegree, 2);
        _stepLlr = stepLlr;
        _k = (int)Math.Round(maxLlr / stepLlr);
        _maxVariableDegree = maxVariableDegree;
        int width = _k + 1;
        _table = new int[width * width];
        for (int i = 0; i <= _k; i++)
        {
            double ti = Math.Tanh(i * stepLlr / 2);
            for (int j = 0; j <= _k; j++)
            {
                double product = ti * Math.Tanh(j * stepLlr / 2);
                double llr = product >= 1 ? _k * stepLlr : 2 * Math.Atanh(product);
                _table[(i * width) + j] = Math.Min(_k, (int)Math.Round(llr / stepLlr));
            }
        }

        // The variable-node sum spans ±(d_max − 1)·K (check messages) ± K (channel): a circular FFT longer than that does not alias.
        int span = (2 * maxVariableDegree * _k) + 1;
        int size = 1;
        while (size < span)
        {
            size <<= 1;
        }

        _fft = new Fft(size);
        _re = new double[size];
        _im = new double[size];
    }

    /// <summary>Runs DE on the BSC with crossover <paramref name="crossover"/> until the message error probability is below
    /// <paramref name="targetError"/>, <paramref name="maxIterations"/> are done, or the density reaches a fixed point.</summary>
    public DensityEvolutionOutcome Run(Ensemble ensemble, double crossover, int maxIterations, double targetError = 1e-7)
    {
        ArgumentNullException.ThrowIfNull(ensemble);
        if (ensemble.MaxVariableDegree > _maxVariableDegree)
        {
            throw new ArgumentException($"Ensemble degree {ensemble.MaxVariableDegree} exceeds the DE instance's {_maxVariableDegree}.", nameof(ensemble));
        }

        int n = _fft.Size;
        double[] channel = ChannelDensity(crossover);
        var channelRe = new double[n];
        var channelIm = new double[n];
        for (int k = -_k; k <= _k; k++)
        {
            channelRe[(k + n) % n] = channel[_k + k];
        }

        _fft.Transform(channelRe, channelIm, inverse: false);
        // Normalised: printed tables sum to 1 only to their last digit, and a mass deficit would compound over the
        // iterations (a degree-d node raises it to the power d − 1) and look like convergence.
        double lambdaSum = ensemble.Lambda.Sum(t => t.EdgeFraction);
        var lambdaByDegree = new double[_maxVariableDegree + 1];
        foreach ((int degree, double fraction) in ensemble.Lambda)
        {
            lambdaByDegree[degree] += fraction / lambdaSum;
        }

        double[] variable = channel;
        double previous = ErrorProbability(variable);
        int stalled = 0;
        for (int iteration = 1; iteration <= maxIterations; iteration++)
        {
            double[] check = CheckUpdate(variable, ensemble);
            variable = VariableUpdate(check, lambdaByDegree, channelRe, channelIm);
            double error = ErrorProbability(variable);
            if (error < targetError)
            {
                return new DensityEvolutionOutcome(true, iteration, error);
            }

            // A fixed point above the target: no further iteration can converge.
            stalled = error > previous * (1 - 1e-7) ? stalled + 1 : 0;
            if (stalled >= 8)
            {
                return new DensityEvolutionOutcome(false, iteration, error);
            }

            previous = error;
        }

        return new DensityEvolutionOutcome(false, maxIterations, previous);
    }

    /// <summary>
    /// The largest crossover probability in [<paramref name="low"/>, <paramref name="high"/>] at which DE converges
    /// (bisection to <paramref name="tolerance"/>): the ensemble's BP threshold p* on this grid.
    /// </summary>
    public double Threshold(Ensemble ensemble, double low, double high, double tolerance = 1e-5, int maxIterations = 2000)
    {
        while (high - low > tolerance)
        {
            double mid = 0.5 * (low + high);
            if (Run(ensemble, mid, maxIterations).Converged)
            {
                low = mid;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }

    private double[] ChannelDensity(double crossover)
    {
        // ±ln((1−p)/p), its mass split linearly between the two nearest grid points (keeps the mean exact).
        double position = Math.Min(Math.Log((1 - crossover) / crossover) / _stepLlr, _k);
        int low = Math.Min((int)Math.Floor(position), _k - 1);
        double upperWeight = position - low;
        var density = new double[(2 * _k) + 1];
        density[_k + low] += (1 - crossover) * (1 - upperWeight);
        density[_k + low + 1] += (1 - crossover) * upperWeight;
        density[_k - low] += crossover * (1 - upperWeight);
        density[_k - low - 1] += crossover * upperWeight;
        return density;
    }

    private double ErrorProbability(double[] density)
    {
        double error = 0.5 * density[_k];
        for (int i = 0; i < _k; i++)
        {
            error += density[i];
        }

        return error;
    }

    private double[] CheckUpdate(double[] variable, Ensemble ensemble)
    {
        double[] low = Power(variable, ensemble.LowCheckDegree - 1);
        double lowFraction = ensemble.LowCheckEdgeFraction;
        if (lowFraction >= 1)
        {
            return low;
        }

        double[] high = Combine(low, variable);
        for (int i = 0; i < low.Length; i++)
        {
            low[i] = (lowFraction * low[i]) + ((1 - lowFraction) * high[i]);
        }

        return low;
    }

    /// <summary>R applied to <paramref name="exponent"/> copies of <paramref name="density"/>, by repeated squaring.</summary>
    private double[] Power(double[] density, int exponent)
    {
        double[]? result = null;
        double[] power = density;
        while (exponent > 0)
        {
            if ((exponent & 1) != 0)
            {
                result = result is null ? power : Combine(result, power);
            }

            exponent >>= 1;
            if (exponent > 0)
            {
                power = Combine(power, power);
            }
        }

        return result is null ? density : (double[])result.Clone();
    }

    /// <summary>The check-node operator R on two message densities (sign × magnitude table lookup).</summary>
    private double[] Combine(double[] a, double[] b)
    {
        int k = _k;
        int width = k + 1;
        var output = new double[(2 * k) + 1];
        double a0 = a[k];
        double b0 = b[k];
        output[k] = a0 + b0 - (a0 * b0); // a zero message on either side gives a zero message
        for (int i = 1; i <= k; i++)
        {
            double ap = a[k + i];
            double am = a[k - i];
            if (ap == 0 && am == 0)
            {
                continue;
            }

            int row = i * width;
            for (int j = 1; j <= k; j++)
            {
                double bp = b[k + j];
                double bm = b[k - j];
                int t = _table[row + j];
                output[k + t] += (ap * bp) + (am * bm);
                output[k - t] += (ap * bm) + (am * bp);
            }
        }

        return output;
    }

    private double[] VariableUpdate(double[] check, double[] lambdaByDegree, double[] channelRe, double[] channelIm)
    {
        int n = _fft.Size;
        Array.Clear(_re);
        Array.Clear(_im);
        for (int k = -_k; k <= _k; k++)
        {
            _re[(k + n) % n] = check[_k + k];
        }

        _fft.Transform(_re, _im, inverse: false);
        for (int f = 0; f < n; f++)
        {
            // Σ_d λ_d C^(d−1), times the channel's transform.
            double cr = _re[f];
            double ci = _im[f];
            double pr = 1;
            double pi = 0;
            double sr = 0;
            double si = 0;
            for (int d = 2; d <= _maxVariableDegree; d++)
            {
                (pr, pi) = ((pr * cr) - (pi * ci), (pr * ci) + (pi * cr));
                double weight = lambdaByDegree[d];
                sr += weight * pr;
                si += weight * pi;
            }

            _re[f] = (sr * channelRe[f]) - (si * channelIm[f]);
            _im[f] = (sr * channelIm[f]) + (si * channelRe[f]);
        }

        _fft.Transform(_re, _im, inverse: true);
        var variable = new double[(2 * _k) + 1];
        int reach = _maxVariableDegree * _k;
        for (int k = -reach; k <= reach; k++)
        {
            double mass = Math.Max(0, _re[(k + n) % n]); // FFT round-off can leave tiny negatives
            variable[_k + Math.Clamp(k, -_k, _k)] += mass;
        }

        // Renormalise: FFT round-off (≈ 1e−16 per bin) would otherwise be raised to the power d − 1 each iteration
        // and grow without bound.
        double total = variable.Sum();
        for (int i = 0; i < variable.Length; i++)
        {
            variable[i] /= total;
        }

        return variable;
    }
}
