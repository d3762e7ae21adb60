namespace JinanOnboard.Control.Dynamics;

/// <summary>
/// One axis of a second-order plant x'' = −2ζω·x' − ω²·x + g·u (a rigid body: ω = 0, ζ·ω = 0; a gimbal with viscous
/// friction: ω → 0 with damping; a piezo mirror: its resonance and damping), advanced exactly for an input held
/// constant over each step (zero-order hold): [x, x'] ← Φ(h)·[x, x'] + Γ(h)·u with Φ = e^{Ah} and Γ = ∫₀ʰ e^{Aτ}B dτ
/// (Franklin, Powell &amp; Workman, "Digital Control of Dynamic Systems", §4.3.3), computed once per step length from
/// the augmented matrix exponential. Steps are whole numbers of a base tick so the few lengths that occur are cached:
/// stepping costs a handful of multiplies and never allocates.
/// </summary>
public sealed class SecondOrderAxis
{
    private readonly double _a10;
    private readonly double _a11;
    private readonly double _gain;
    private readonly double _tickS;
    private readonly double[] _phi00;
    private readonly double[] _phi01;
    private readonly double[] _phi10;
    private readonly double[] _phi11;
    private readonly double[] _gamma0;
    private readonly double[] _gamma1;

    /// <param name="naturalHz">ω/2π; 0 for a plant without a spring (rigid body, gimbal).</param>
    /// <param name="dampingPerS">2ζω, the velocity damping, 1/s.</param>
    /// <param name="inputGain">g: acceleration per unit input.</param>
    /// <param name="tickS">The base tick, seconds.</param>
    /// <param name="maxStepTicks">Longest step that will be taken, ticks.</param>
    public SecondOrderAxis(double naturalHz, double dampingPerS, double inputGain, double tickS, int maxStepTicks)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(naturalHz);
        ArgumentOutOfRangeException.ThrowIfNegative(dampingPerS);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(tickS);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxStepTicks, 1);
        double w = 2 * Math.PI * naturalHz;
        _a10 = -w * w;
        _a11 = -dampingPerS;
        _gain = inputGain;
        _tickS = tickS;
        int n = maxStepTicks + 1;
        _phi00 = new double[n];
        _phi01 = new double[n];
        _phi10 = new double[n];
        _phi11 = new double[n];
        _gamma0 = new double[n];
        _gamma1 = new double[n];
        for (int k = 1; k < n; k++)
        {
            Discretise(k * tickS, k);
        }
    }

    /// <summary>Position.</summary>
    public double Position { get; private set; }

    /// <summary>Velocity.</summary>
    public double Velocity { get; private set; }

    /// <summary>Advances <paramref name="ticks"/> base ticks with input <paramref name="input"/> held.</summary>
    public void Advance(int ticks, double input)
    {
        if ((uint)(ticks - 1) >= (uint)(_phi00.Length - 1))
        {
            throw new ArgumentOutOfRangeException(nameof(ticks), ticks, $"step must be 1..{_phi00.Length - 1} ticks");
        }

        double x = Position;
        double v = Velocity;
        Position = (_phi00[ticks] * x) + (_phi01[ticks] * v) + (_gamma0[ticks] * input);
        Velocity = (_phi10[ticks] * x) + (_phi11[ticks] * v) + (_gamma1[ticks] * input);
    }

    /// <summary>Sets the state (initial pointing, a test).</summary>
    public void Reset(double position, double velocity)
    {
        Position = position;
        Velocity = velocity;
    }

    /// <summary>Seconds per base tick.</summary>
    public double TickS => _tickS;

    private void Discretise(double h, int k)
    {
        // Augmented M = [[0, 1, 0], [a10, a11, g], [0, 0, 0]]·h; e^M by scaling and squaring with a Taylor series.
        double[,] m = { { 0, h, 0 }, { _a10 * h, _a11 * h, _gain * h }, { 0, 0, 0 } };
        double norm = 0;
        foreach (double e in m)
        {
            norm = Math.Max(norm, Math.Abs(e));
        }

        int squarings = Math.Max(0, (int)Math.Ceiling(Math.Log2(norm + 1e-300)) + 4);
        double scale = Math.Pow(2, -squarings);
        double[,] a = new double[3, 3];
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                a[i, j] = m[i, j] * scale;
            }
        }

        double[,] result = Identity();
        double[,] term = Identity();
        for (int n = 1; n <= 16; n++)
        {
            term = Multiply(term, a, 1.0 / n);
            for (int i = 0; i < 3; i++)
            {
                for (int j = 0; j < 3; j++)
                {
                    result[i, j] += term[i, j];
                }
            }
        }

        for (int s = 0; s < squarings; s++)
        {
            result = Multiply(result, result, 1.0);
        }

        _phi00[k] = result[0, 0];
        _phi01[k] = result[0, 1];
        _phi10[k] = result[1, 0];
        _phi11[k] = result[1, 1];
        _gamma0[k] = result[0, 2];
        _gamma1[k] = result[1, 2];
    }

    private static double[,] Identity() => new double[,] { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } };

    private static double[,] Multiply(double[,] x, double[,] y, double factor)
    {
        double[,] r = new double[3, 3];
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                double sum = 0;
                for (int k = 0; k < 3; k++)
                {
                    sum += x[i, k] * y[k, j];
                }

                r[i, j] = sum * factor;
            }
        }

        return r;
    }
}
