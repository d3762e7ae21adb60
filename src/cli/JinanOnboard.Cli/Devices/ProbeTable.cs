using JinanOnboard.Devices.Profiles;

namespace JinanOnboard.Cli.Devices;

/// <summary>
/// The probe's table as plain aligned text, one line per device whatever the terminal width (a wrapped table would
/// split the error, which must stay one line for logs and grep).
/// </summary>
internal static class ProbeTable
{
    public static void Write(IReadOnlyList<DeviceProbeResult> results, TextWriter output)
    {
        string[] header = ["device", "kind", "address", "answered", "identity", "firmware", "error"];
        List<string[]> rows = [header, .. results.Select(r => new[]
        {
            r.Id, r.Kind, r.Address, r.Answered ? "yes" : "NO", r.Identity.Length > 0 ? r.Identity : "-", r.Firmware.Length > 0 ? r.Firmware : "-", r.Error ?? "-",
        })];
        int[] widths = Enumerable.Range(0, header.Length).Select(c => rows.Max(row => row[c].Length)).ToArray();
        foreach (string[] row in rows)
        {
            // The last column is not padded, so no line ends in spaces.
            output.WriteLine(string.Join("  ", row.Select((cell, c) => c == row.Length - 1 ? cell : cell.PadRight(widths[c]))));
        }
    }
}
