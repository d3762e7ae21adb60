using System.Globalization;
using System.Runtime.CompilerServices;

namespace JinanOnboard.Devices.Mirrors.PiE727;

/// <summary>
/// Writes a MOV target as ASCII bytes, byte for byte what <c>value.ToString("0.#########", CultureInfo.InvariantCulture)</c>
/// writes (the driver's wire format since it was written: plain decimal, at most nine decimals, no exponent, no trailing
/// zeros; GCS 2.0 accepts it, PZ233E "GCS Syntax"), without the BCL's custom-format interpreter, which cost most of a
/// fine-loop MOV (issue 17: ~200 ns of ~280 ns on the driver's side).
/// <para>
/// How the BCL gets there (dotnet/runtime Number.Formatting.cs, FormatDouble with a custom format): it first rounds the
/// exact binary value to 15 significant digits (DoublePrecisionCustomFormat, correctly rounded by Grisu3 or Dragon4), then
/// rounds that digit string half-up at the ninth decimal (RoundNumber, "digit &gt;= '5'"). The double rounding is part of
/// the bytes (0.1234567894999999 goes out as 0.12345679), so it is reproduced here exactly, in integers: the double is
/// m·2^-k, and m·10^s·2^-k is split by a shift into its integer part and an exact remainder.
/// </para>
/// The fast path covers 1e-5 ≤ |value| &lt; 1e5 (a tip/tilt target in mrad always is, unless it is within 10 nrad of
/// zero), where 15 significant digits reach below the ninth decimal, so both roundings apply, and 10^s fits in 64 bits. An exact
/// tie at the fifteenth digit, where the BCL's rounding direction would need Dragon4's rule, and every value outside the
/// range go through the BCL itself: rare and never wrong.
/// </summary>
internal static class GcsTargetFormatter
{
    /// <summary>The .NET format this formatter reproduces (and falls back to).</summary>
    internal const string Format = "0.#########";

    /// <summary>Longest fast-path output: sign, 5 integer digits ("99999" or the carry "100000"), point, 9 decimals.</summary>
    internal const int MaxFastLength = 1 + 6 + 1 + 9;

    private const int Decimals = 9;
    private const int SignificantDigits = 15;
    private const int MinDecimalExponent = -5; // fast path from 1e-5
    private const int MaxDecimalExponent = 4; // fast path below 1e5
    private const uint NanoUnitsPerUnit = 1_000_000_000;

    /// <summary>1e-4 … 1e4: where each decade of the fast range after the first starts (a guess, corrected exactly).</summary>
    private static ReadOnlySpan<double> DecadeStarts => [1e-4, 1e-3, 1e-2, 1e-1, 1, 10, 100, 1000, 10000];

    private static readonly ulong[] PowersOfTen = CreatePowersOfTen(20); // 10^19 is the last that fits 64 bits
    private const ulong LowestFifteenDigits = 100_000_000_000_000; // 10^14
    private const ulong LowestSixteenDigits = 1_000_000_000_000_000; // 10^15

    /// <summary>Formats <paramref name="value"/> as <see cref="Format"/> would, into ASCII bytes.</summary>
    /// <returns>False if <paramref name="destination"/> is too short.</returns>
    public static bool TryFormat(double value, Span<byte> destination, out int written)
    {
        written = FormatFast(value, destination);
        if (written > 0)
        {
            return true;
        }

        if (written == TooShort)
        {
            written = 0;
            return false;
        }

        return value.TryFormat(destination, out written, Format, CultureInfo.InvariantCulture);
    }

    private const int NotHandled = 0;
    private const int TooShort = -1;

    /// <summary>
    /// The exact integer path: bytes written, or <see cref="NotHandled"/> for the BCL to do it (outside the range, or a
    /// tie), or <see cref="TooShort"/>.
    /// </summary>
    // Per fine tick: compiled at first call with inlining across assemblies, which ReadyToRun code lacks (issue 16).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int FormatFast(double value, Span<byte> destination)
    {
        double magnitude = Math.Abs(value);
        if (!(magnitude >= 1e-5 && magnitude < 1e5))
        {
            return NotHandled;
        }

        // value = mantissa · 2^-shift exactly (a normal double: the implicit leading bit is set).
        ulong bits = BitConverter.DoubleToUInt64Bits(magnitude);
        ulong mantissa = (bits & ((1UL << 52) - 1)) | (1UL << 52);
        int shift = 1075 - (int)(bits >> 52); // 36..69 in this range

        // s such that magnitude·10^s has 15 integer digits: a first guess from the decimal exponent, then corrected on
        // the exact product (the double constants 1e-4, 1e-3, ... are not exact, so the guess may be one off).
        int exponent = MinDecimalExponent;
        while (exponent < MaxDecimalExponent && magnitude >= DecadeStarts[exponent - MinDecimalExponent])
        {
            exponent++;
        }

        int scale = SignificantDigits - 1 - exponent;
        ulong high;
        ulong low;
        ulong integerPart;
        while (true)
        {
            if (scale <= Decimals || scale >= PowersOfTen.Length)
            {
                return NotHandled;
            }

            // The 128-bit product and its shift in two 64-bit halves: UInt128's operators are calls into the framework
            // in the ReadyToRun firmware (not inlined across its version bubble), a dozen per target (issue 16).
            high = Math.BigMul(mantissa, PowersOfTen[scale], out low);
            bool beyond64Bits = shift < 64 ? (high >> shift) != 0 : false;
            integerPart = shift < 64 ? (low >> shift) | (high << (64 - shift)) : high >> (shift - 64);
            if (beyond64Bits || integerPart >= LowestSixteenDigits)
            {
                scale--;
            }
            else if (integerPart < LowestFifteenDigits)
            {
                scale++;
            }
            else
            {
                break;
            }
        }

        // First rounding: to 15 significant digits, to nearest. An exact tie goes to the BCL (its digit generator's rule).
        // The remainder below the shift against half a unit, both as (high, low) halves.
        ulong remainderHigh = shift < 64 ? 0 : high & ((1UL << (shift - 64)) - 1);
        ulong remainderLow = shift < 64 ? low & ((1UL << shift) - 1) : low;
        ulong halfHigh = shift - 1 < 64 ? 0 : 1UL << (shift - 65);
        ulong halfLow = shift - 1 < 64 ? 1UL << (shift - 1) : 0;
        if (remainderHigh == halfHigh && remainderLow == halfLow)
        {
            return NotHandled;
        }

        bool aboveHalf = remainderHigh != halfHigh ? remainderHigh > halfHigh : remainderLow > halfLow;
        ulong fifteen = integerPart + (aboveHalf ? 1UL : 0UL);

        // Second rounding: half-up at the ninth decimal, on the 15-digit string (scale > 9, so at least one digit goes).
        ulong divisor = PowersOfTen[scale - Decimals];
        ulong nanoUnits = fifteen / divisor;
        if (fifteen - (nanoUnits * divisor) >= divisor / 2)
        {
            nanoUnits++;
        }

        return TryWriteNanoUnits(value < 0, nanoUnits, destination, out int written) ? written : TooShort;
    }

    /// <summary>Writes ±units.fraction from a count of 1e-9 units, trailing zeros of the fraction (and a bare point) dropped.</summary>
    private static bool TryWriteNanoUnits(bool negative, ulong nanoUnits, Span<byte> destination, out int written)
    {
        written = 0;
        ulong units = nanoUnits / NanoUnitsPerUnit;
        uint fraction = (uint)(nanoUnits - (units * NanoUnitsPerUnit));
        int fractionDigits = Decimals;
        while (fraction != 0 && fraction % 10 == 0)
        {
            fraction /= 10;
            fractionDigits--;
        }

        int n = 0;
        if (negative)
        {
            if (destination.IsEmpty)
            {
                return false;
            }

            destination[n++] = (byte)'-';
        }

        // The integer part's digits by hand: the same bytes as ulong.TryFormat (invariant: plain digits), without its
        // call into the BCL's number formatting for at most six digits (a third of a MOV's formatting, issue 16).
        int unitDigits = 1;
        for (ulong rest = units / 10; rest != 0; rest /= 10)
        {
            unitDigits++;
        }

        if (destination.Length < n + unitDigits)
        {
            return false;
        }

        for (int i = unitDigits - 1; i >= 0; i--)
        {
            destination[n + i] = (byte)('0' + (units % 10));
            units /= 10;
        }

        n += unitDigits;
        if (fraction != 0)
        {
            if (destination.Length < n + 1 + fractionDigits)
            {
                return false;
            }

            destination[n++] = (byte)'.';
            for (int i = fractionDigits - 1; i >= 0; i--)
            {
                destination[n + i] = (byte)('0' + (fraction % 10));
                fraction /= 10;
            }

            n += fractionDigits;
        }

        written = n;
        return true;
    }

    private static ulong[] CreatePowersOfTen(int count)
    {
        var powers = new ulong[count];
        powers[0] = 1;
        for (int i = 1; i < count; i++)
        {
            powers[i] = powers[i - 1] * 10;
        }

        return powers;
    }
}
