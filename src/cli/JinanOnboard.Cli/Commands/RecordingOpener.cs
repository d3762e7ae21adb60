using System.CommandLine;
using JinanOnboard.Primitives.Recording;

namespace JinanOnboard.Cli.Commands;

/// <summary>
/// Opens a recording for a verb that reads one (`jinan inspect`, `jinan replay`): a missing, foreign, wrong-version or
/// truncated file, or damage in the middle of the file (recording-seam.md §Damage), is a one-line user error before any
/// work starts; with <c>--accept-damage</c> the damaged stretches are named on stderr, one line each, and skipped.
/// </summary>
internal static class RecordingOpener
{
    /// <summary>The shared option, so every verb spells and explains it the same way.</summary>
    public static Option<bool> AcceptDamageOption() => new("--accept-damage")
    {
        Description = "Read a recording with damage in the middle: skip each damaged stretch (named on stderr) instead of refusing the file.",
    };

    /// <summary>
    /// Opens <paramref name="file"/>, reads it through once (damage is known before anything else runs) and returns a
    /// reader whose <see cref="RecordingReader.ReadAll"/> starts at the first record.
    /// </summary>
    /// <exception cref="UserErrorException">The file is missing, not a recording this build reads, or damaged in the middle without <paramref name="acceptDamage"/>.</exception>
    public static RecordingReader Open(FileInfo file, bool acceptDamage)
    {
        if (!file.Exists)
        {
            throw new UserErrorException($"{file.FullName}: no such recording");
        }

        RecordingReader reader;
        try
        {
            reader = RecordingReader.Open(file.FullName);
        }
        catch (InvalidDataException ex)
        {
            throw new UserErrorException(ex.Message);
        }

        try
        {
            reader.Scan();
            if (reader.Damage.Count > 0)
            {
                if (!acceptDamage)
                {
                    long skipped = reader.Damage.Sum(d => d.Length);
                    throw new UserErrorException(
                        $"{file.FullName}: damaged in the middle ({reader.Damage.Count} stretch(es), {skipped} bytes), not a torn tail; "
                        + $"--accept-damage reads the rest:{Environment.NewLine}{string.Join(Environment.NewLine, Describe(reader.Damage))}");
                }

                foreach (string line in Describe(reader.Damage))
                {
                    Console.Error.WriteLine($"jinan: warning: {file.Name}: {line.TrimStart()} (skipped, --accept-damage)");
                }
            }

            return reader;
        }
        catch (InvalidDataException ex)
        {
            reader.Dispose();
            throw new UserErrorException(ex.Message);
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    /// <summary>One line per damaged stretch: where, how long, how many records were lost when that is known.</summary>
    public static IEnumerable<string> Describe(IEnumerable<RecordingDamage> damage)
        => damage.Select(d => $"  damaged at offset {d.Offset}: {d.Length} bytes skipped, "
            + (d.RecordsLost is { } lost ? $"{lost} record(s) lost" : "records lost unknown (a record header was hit; at least 1)"));
}
