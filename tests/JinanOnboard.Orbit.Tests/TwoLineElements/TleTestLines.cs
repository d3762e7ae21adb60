namespace JinanOnboard.Orbit.Tests.TwoLineElements;

/// <summary>Known-good element sets (Vallado's verification set, checksums valid) and line-editing helpers.</summary>
internal static class TleTestLines
{
    // VANGUARD 1 from SGP4-VER.TLE (case 00005).
    public const string Vanguard1 = "1 00005U 58002B   00179.78495062  .00000023  00000-0  28098-4 0  4753";
    public const string Vanguard2 = "2 00005  34.2682 348.7242 1859667 331.7664  19.3264 10.82419157413667";

    // MOLNIYA 1-83 (case 21897): negative B*.
    public const string Molniya1 = "1 21897U 92011A   06176.02341244 -.00001273  00000-0 -13525-3 0  3044";
    public const string Molniya2 = "2 21897  62.1749 198.0096 7421690 253.0462  20.1561  2.01269994104880";

    // Original STR#3 SDP4 test (case 11801): blank designator, ephemeris type and element number digits.
    public const string Str3Line1 = "1 11801U          80230.29629788  .01431103  00000-0  14311-1      13";
    public const string Str3Line2 = "2 11801  46.7916 230.4354 7318036  47.4722  10.4117  2.28537848    13";

    /// <summary>Replaces columns (1-based) starting at <paramref name="column"/> and fixes the checksum.</summary>
    public static string Edit(string line, int column, string replacement)
    {
        string edited = string.Concat(line.AsSpan(0, column - 1), replacement, line.AsSpan(column - 1 + replacement.Length));
        return WithChecksum(edited);
    }

    public static string WithChecksum(string line)
    {
        int sum = 0;
        foreach (char c in line.AsSpan(0, 68))
        {
            sum += c is >= '0' and <= '9' ? c - '0' : c == '-' ? 1 : 0;
        }

        return string.Concat(line.AsSpan(0, 68), ((char)('0' + (sum % 10))).ToString());
    }
}
