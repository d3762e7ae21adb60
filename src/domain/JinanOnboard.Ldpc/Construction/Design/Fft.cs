namespace JinanOnboard.Ldpc.Construction.Design;

/// <summary>
/// In-place iterative radix-2 complex FFT (Cooley–Tukey, decimation in time) on split real/imaginary
/// arrays. Density evolution uses it to convolve message densities at the variable nodes
/// (Richardson–Urbanke, "Modern Coding Theory" §4.1.4: the variable-node update is a convolution).
/// </summary>
internal sealed class Fft
{
    private readonly int _size;
    private readonly int[] _bitReversed;
    private readonly double[] _cos;
    private readonly double[] _sin;

    public Fft(int size)
    {
        if (size < 2 || (size & (size - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, "FFT size must be a power of two.");
        }

        _size = size;
        int bits = System.Numerics.BitOperations.Log2((uint)size);
        _bitReversed = new int[size];
        for (int i = 0; i < size; i++)
        {
            int r = 0;
            for (int b = 0; b < bits; b++)
            {
                r |= ((i >> b) & 1) << (bits - 1 - b);
            }

            _bitReversed[i] = r;
        }

        _cos = new double[size / 2];
        _sin = new double[size / 2];
        for (int i = 0; i < size / 2; i++)
        {
            double angle = -2 * Math.PI * i / size;
            _cos[i] = Math.Cos(angle);
            _sin[i] = Math.Sin(angle);
        }
    }

    public int Size => _size;

    /// <summary>Forward transform X_k = Σ x_j e^{−2πijk/N}; <paramref name="inverse"/> uses e^{+…} and divides by N.</summary>
    public void Transform(double[] re, double[] im, bool inverse)
    {
        for (int i = 0; i < _size; i++)
        {
            int j = _bitReversed[i];
            if (j > i)
            {
                (re[i], re[j]) = (re[j], re[i]);
                (im[i], im[j]) = (im[j], im[i]);
            }
        }

        double sign = inverse ? -1 : 1;
        for (int half = 1; half < _size; half <<= 1)
        {
            int step = _size / (2 * half);
            for (int start = 0; start < _size; start += 2 * half)
            {
                for (int k = 0; k < half; k++)
                {
                    double wr = _cos[k * step];
                    double wi = sign * _sin[k * step];
                    int a = start + k;
                    int b = a + half;
                    double tr = (re[b] * wr) - (im[b] * wi);
                    double ti = (re[b] * wi) + (im[b] * wr);
                    re[b] = re[a] - tr;
                    im[b] = im[a] - ti;
                    re[a] += tr;
                    im[a] += ti;
                }
            }
        }

        if (inverse)
        {
            double scale = 1.0 / _size;
            for (int i = 0; i < _size; i++)
            {
                re[i] *= scale;
                im[i] *= scale;
            }
        }
    }
}
