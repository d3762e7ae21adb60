using JinanOnboard.Config.Loading;
using JinanOnboard.OpticalBench;
using JinanOnboard.Runtime.Hosting;

namespace JinanOnboard.Ground;

/// <summary>
/// The ground firmware's entry point (`jinan ground` starts this executable). Its hardware today is the
/// simulated optical bench, or with --time-tags FILE a time tagger serving a recording's tags; real devices come
/// through the drivers' buses the same way.
/// </summary>
internal static class Program
{
    public static Task<int> Main(string[] args) =>
        FirmwareCommandLine.RunAsync(FirmwareRole.Ground, args, plan => plan.TimeTagsPath is { } recording
            ? Recorded(recording)
            : new BenchGroundTopology());

    /// <summary>The OGS on a recording's or a PTU file's tags; a file that is neither is one line before anything listens.</summary>
    private static RecordedGroundTopology Recorded(string recording)
    {
        try
        {
            using TimeTagFile file = TimeTagFile.Open(recording);
        }
        catch (FileNotFoundException)
        {
            throw new ConfigurationException($"--time-tags {recording}: no such file");
        }
        catch (InvalidDataException ex)
        {
            throw new ConfigurationException($"--time-tags: {ex.Message}");
        }

        return new RecordedGroundTopology(recording);
    }
}
