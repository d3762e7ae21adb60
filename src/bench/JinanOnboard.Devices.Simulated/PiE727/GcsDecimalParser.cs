using System.Globalization;
using System.Runtime.CompilerServices;

namespace JinanOnboard.Devices.Simulated.PiE727;

/// <summary>
/// Reads a GCS number argument (a MOV target) from its ASCII bytes to the same double as
/// <c>double.TryParse(bytes, NumberStyles.Float, CultureInfo.InvariantCulture, ...)</c>, bit for bit, without the BCL's
/// general number parser, which was most of the simulated E-727's cost per fine-loop MOV (issue 16: ~250 ns of a MOV's
/// two targets in the default bench).
/// <para>
/// The fast path takes plain decimals, [+|-]digits[.digits], as the driver writes them ("0.#########"): when the digits
/// read as one integer w ≤ 2^53 with k ≤ 22 of them after the point, both w and 10^k are exact doubles, so the one IEEE
/// division w / 10^k is the correctly rounded value of the decimal (Clinger, "How to read floating point numbers
/// accurately", PLDI 1990, the fast path), which is what .NET's parser returns too (IEEE-correct since .NET Core 3.0).
/// Anything else (an exponent, more digits, whitespace, "Infinity", a syntax error) goes to the BCL itself.
/// </para>
/// </summary>
public static class GcsDecimalParser
{
    private const ulong MaxExactInteger = 1UL << 53;
    private const int MaxExactPowerOfTen = 22;
    private const int MaxDigits = 19; // so the running integer never overflows 64 bits

    private static ReadOnlySpan<double> PowersOfTen =>
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];

    /// <summary>The double <paramref name="text"/> denotes, as <c>double.TryParse</c> with <see cref="NumberStyles.Float"/> reads it.</summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out double value)
    {
        if (TryParseFast(text, out value))
        {
            return true;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>The exact fast path: false (value 0) when the text is not a short plain decimal.</summary>
    // Per fine tick: compiled at first call with inlining across assemblies, which ReadyToRun code lacks (issue 16).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static bool TryParseFast(ReadOnlySpan<byte> text, out double value)
    {
        value = 0;
        int i = 0;
        bool negative = false;
        if (i < text.Length && (text[i] == (byte)'-' || text[i] == (byte)'+'))
        {
            negative = text[i] == (byte)'-';
            i++;
        }

        ulong integer = 0;
        int digits = 0;
        int fractionDigits = 0;
        bool point = false;
        for (; i < text.Length; i++)
        {
            uint d = (uint)(text[i] - (byte)'0');
            if (d <= 9)
            {
                if (++digits > MaxDigits)
                {
                    return false;
                }

                integer = (integer * 10) + d;
                if (point)
                {
                    fractionDigits++;
                }
            }
            else if (text[i] == (byte)'.' && !point)
            {
                point = true;
            }
            else
            {
                return false;
            }
        }

        if (digits == 0 || integer > MaxExactInteger || fractionDigits > MaxExactPowerOfTen)
        {
            return false;
        }

        double magnitude = integer / PowersOfTen[fractionDigits];
        value = negative ? -magnitude : magnitude;
        return true;
    }
}
