using System.Globalization;

namespace JinanOnboard.Orbit.TwoLineElements;

/// <summary>Column-by-column reader of the two TLE lines (format: Space-Track / CelesTrak TLE description).</summary>
internal static class TleParser
{
    public static Tle Parse(TleLine l1, TleLine l2, string? name, bool validateChecksums)
    {
        l1.CheckFrame('1');
        l2.CheckFrame('2');
        if (validateChecksums)
        {
            l1.CheckChecksum();
            l2.CheckChecksum();
        }

        // ---- line 1 ----
        l1.Expect(2, ' ', "separator");
        int catalog = l1.Integer(3, 7, "catalog number");
        char classification = l1.Char(8);
        l1.Expect(9, ' ', "separator");
        string designator = l1.Text(10, 17).Trim();
        l1.Expect(18, ' ', "separator");
        int twoDigitYear = l1.Integer(19, 20, "epoch year");
        double epochDay = l1.Decimal(21, 32, "epoch day");
        l1.Expect(24, '.', "epoch day decimal point");
        l1.Expect(33, ' ', "separator");
        double nDot = l1.Decimal(34, 43, "mean motion first derivative");
        l1.Expect(44, ' ', "separator");
        double nDdot = l1.ExponentField(45, 52, "mean motion second derivative");
        l1.Expect(53, ' ', "separator");
        double bStar = l1.ExponentField(54, 61, "B*");
        l1.Expect(62, ' ', "separator");
        int ephemerisType = l1.Char(63) == ' ' ? 0 : l1.Integer(63, 63, "ephemeris type");
        l1.Expect(64, ' ', "separator");
        int elementSet = l1.Integer(65, 68, "element set number", blankValue: 0);

        // ---- line 2 ----
        l2.Expect(2, ' ', "separator");
        int catalog2 = l2.Integer(3, 7, "catalog number");
        if (catalog2 != catalog)
        {
            throw l2.Error(3, string.Format(CultureInfo.InvariantCulture,
                "catalog number is {0:D5}, expected {1:D5} (from line 1)", catalog2, catalog));
        }

        l2.Expect(8, ' ', "separator");
        double inclinationDeg = l2.Decimal(9, 16, "inclination");
        l2.Expect(17, ' ', "separator");
        double raanDeg = l2.Decimal(18, 25, "right ascension of ascending node");
        l2.Expect(26, ' ', "separator");
        double eccentricity = l2.ImpliedFraction(27, 33, "eccentricity");
        l2.Expect(34, ' ', "separator");
        double argPerigeeDeg = l2.Decimal(35, 42, "argument of perigee");
        l2.Expect(43, ' ', "separator");
        double meanAnomalyDeg = l2.Decimal(44, 51, "mean anomaly");
        l2.Expect(52, ' ', "separator");
        double meanMotion = l2.Decimal(53, 63, "mean motion");
        int revolution = l2.Integer(64, 68, "revolution number", blankValue: 0);

        CheckRange(l2, 9, inclinationDeg, 0, 180, "inclination (degrees)");
        CheckRange(l2, 18, raanDeg, 0, 360, "right ascension of ascending node (degrees)");
        CheckRange(l2, 35, argPerigeeDeg, 0, 360, "argument of perigee (degrees)");
        CheckRange(l2, 44, meanAnomalyDeg, 0, 360, "mean anomaly (degrees)");
        if (!(meanMotion > 0))
        {
            throw l2.Error(53, "mean motion is not positive, expected revolutions per day > 0");
        }

        // Two-digit years: 57-99 are 1957-1999 (Sputnik was 1957), 00-56 are 2000-2056 (Vallado's twoline2rv).
        int year = twoDigitYear < 57 ? 2000 + twoDigitYear : 1900 + twoDigitYear;
        double daysInYear = DateTime.IsLeapYear(year) ? 366 : 365;
        if (!(epochDay >= 1.0 && epochDay < daysInYear + 1.0))
        {
            throw l1.Error(21, string.Format(CultureInfo.InvariantCulture,
                "epoch day {0} is outside 1 <= day < {1} for {2}", epochDay, daysInYear + 1, year));
        }

        var yearStart = new DateTime(year, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        DateTime epochUtc = yearStart.AddTicks((long)Math.Round((epochDay - 1.0) * TimeSpan.TicksPerDay));

        return new Tle
        {
            Name = string.IsNullOrWhiteSpace(name) ? null : name.Trim(),
            CatalogNumber = catalog,
            Classification = classification,
            InternationalDesignator = designator,
            EpochYear = year,
            EpochDayOfYear = epochDay,
            EpochUtc = epochUtc,
            MeanMotionDotRevPerDay2 = nDot,
            MeanMotionDdotRevPerDay3 = nDdot,
            BStarPerEarthRadius = bStar,
            EphemerisType = ephemerisType,
            ElementSetNumber = elementSet,
            InclinationDeg = inclinationDeg,
            RightAscensionOfAscendingNodeDeg = raanDeg,
            Eccentricity = eccentricity,
            ArgumentOfPerigeeDeg = argPerigeeDeg,
            MeanAnomalyDeg = meanAnomalyDeg,
            MeanMotionRevPerDay = meanMotion,
            RevolutionNumber = revolution,
        };
    }

    private static void CheckRange(TleLine line, int column, double value, double min, double max, string what)
    {
        if (value < min || value > max)
        {
            throw line.Error(column, string.Format(CultureInfo.InvariantCulture,
                "{0} is {1}, expected {2} to {3}", what, value, min, max));
        }
    }
}
