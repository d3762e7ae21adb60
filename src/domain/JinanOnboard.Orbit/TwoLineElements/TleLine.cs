using System.Globalization;

namespace JinanOnboard.Orbit.TwoLineElements;

/// <summary>
/// One line of a TLE with fixed-column field readers. Columns are 1-based and inclusive, exactly
/// as in the NORAD two-line element format description, so the code reads like the format table.
/// Every failure throws <see cref="TleFormatException"/> naming the line and column.
/// </summary>
internal readonly struct TleLine
{
    /// <summary>Number of significant columns; anything after column 69 is ignored.</summary>
    public const int Length = 69;

    private readonly string _text;
    private readonly string _source;
    private readonly int _lineNumber;

    public TleLine(string text, string source, int lineNumber)
    {
        _text = text;
        _source = source;
        _lineNumber = lineNumber;
    }

    public TleFormatException Error(int column, string problem) => new(_source, _lineNumber, column, problem);

    /// <summary>Checks the line is long enough and starts with its line number followed by a space.</summary>
    public void CheckFrame(char lineNumberDigit)
    {
        if (_text.Length < Length)
        {
            throw Error(_text.Length + 1, string.Format(CultureInfo.InvariantCulture,
                "line ends after {0} characters, expected {1}", _text.Length, Length));
        }

        if (_text[0] != lineNumberDigit)
        {
            throw Error(1, string.Format(CultureInfo.InvariantCulture,
                "line number is '{0}', expected '{1}'", _text[0], lineNumberDigit));
        }
    }

    /// <summary>Mod-10 checksum of columns 1-68: digits count their value, '-' counts 1, all else 0.</summary>
    public void CheckChecksum()
    {
        int sum = 0;
        for (int i = 0; i < Length - 1; i++)
        {
            char c = _text[i];
            if (c is >= '0' and <= '9')
            {
                sum += c - '0';
            }
            else if (c == '-')
            {
                sum += 1;
            }
        }

        int expected = sum % 10;
        char actual = _text[Length - 1];
        if (actual is < '0' or > '9')
        {
            throw Error(Length, string.Format(CultureInfo.InvariantCulture, "checksum is '{0}', expected {1}", actual, expected));
        }

        if (actual - '0' != expected)
        {
            throw Error(Length, string.Format(CultureInfo.InvariantCulture, "checksum is {0}, expected {1}", actual, expected));
        }
    }

    /// <summary>Requires a given character (space or decimal point) at a column.</summary>
    public void Expect(int column, char expected, string what)
    {
        char actual = _text[column - 1];
        if (actual != expected)
        {
            throw Error(column, string.Format(CultureInfo.InvariantCulture, "found '{0}', expected '{1}' ({2})", actual, expected, what));
        }
    }

    public char Char(int column) => _text[column - 1];

    /// <summary>Raw text of columns first..last.</summary>
    public string Text(int first, int last) => _text.Substring(first - 1, last - first + 1);

    /// <summary>Unsigned integer field, right-justified; blank means <paramref name="blankValue"/> when given.</summary>
    public int Integer(int first, int last, string what, int? blankValue = null)
    {
        string field = Text(first, last).Trim();
        if (field.Length == 0 && blankValue is int value)
        {
            return value;
        }

        if (field.Length == 0 || !int.TryParse(field, NumberStyles.None, CultureInfo.InvariantCulture, out int result))
        {
            throw Error(first, string.Format(CultureInfo.InvariantCulture,
                "{0} '{1}' in columns {2}-{3}, expected digits", what, Text(first, last), first, last));
        }

        return result;
    }

    /// <summary>Decimal number with an explicit point, optional sign and leading blanks.</summary>
    public double Decimal(int first, int last, string what)
    {
        string field = Text(first, last).Trim();
        const NumberStyles Style = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint;
        if (field.Length == 0 || field.Contains(' ', StringComparison.Ordinal)
            || !double.TryParse(field, Style, CultureInfo.InvariantCulture, out double result))
        {
            throw Error(first, string.Format(CultureInfo.InvariantCulture,
                "{0} '{1}' in columns {2}-{3}, expected a decimal number", what, Text(first, last), first, last));
        }

        return result;
    }

    /// <summary>Digits with an implied leading decimal point ("1859667" is 0.1859667).</summary>
    public double ImpliedFraction(int first, int last, string what)
    {
        string field = Text(first, last);
        foreach (char c in field)
        {
            if (c is < '0' or > '9')
            {
                throw Error(first, string.Format(CultureInfo.InvariantCulture,
                    "{0} '{1}' in columns {2}-{3}, expected {4} digits (implied leading decimal point)",
                    what, field, first, last, last - first + 1));
            }
        }

        // Parsed as text so the value is the correctly rounded double of "0.digits", as sscanf gives.
        return double.Parse("0." + field, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Field in the form "SNNNNN-E" (columns first..last, 8 wide): sign, five digits with an implied
    /// leading decimal point, and a signed one-digit power of ten. " 28098-4" is 0.28098e-4.
    /// </summary>
    public double ExponentField(int first, int last, string what)
    {
        string field = Text(first, last);
        char sign = field[0];
        string mantissa = field.Substring(1, field.Length - 3);
        char expSign = field[^2];
        char expDigit = field[^1];
        bool ok = sign is ' ' or '+' or '-'
            && (expSign is '+' or '-' || (expSign == ' ' && expDigit == '0'))
            && expDigit is >= '0' and <= '9';
        string mantissaDigits = mantissa.TrimStart();
        foreach (char c in mantissaDigits)
        {
            ok &= c is >= '0' and <= '9';
        }

        ok &= mantissaDigits.Length > 0;
        if (!ok)
        {
            throw Error(first, string.Format(CultureInfo.InvariantCulture,
                "{0} '{1}' in columns {2}-{3}, expected the form ' NNNNN-N' (sign, digits with implied decimal point, exponent)",
                what, field, first, last));
        }

        string text = string.Format(CultureInfo.InvariantCulture, "{0}0.{1}e{2}{3}",
            sign == '-' ? "-" : "", mantissa.Replace(' ', '0'), expSign == '-' ? "-" : "+", expDigit);
        return double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
    }
}
