using JinanOnboard.Tests.Shared;
using System.Globalization;
using System.Text;
using JinanOnboard.Devices.TimeTagger.Ptu;
using JinanOnboard.Primitives.TimeTags;

namespace JinanOnboard.Devices.Tests.TimeTagger.Ptu;

/// <summary>
/// The PTU example of protocol-spec/export.md is what the writer produces, byte for byte (an approval test: set
/// JINAN_APPROVE=1 to rewrite protocol-spec/examples/ptu-t2-example.hex after a deliberate change).
/// </summary>
public sealed class PtuExampleTests
{
    /// <summary>The example's tags: a sync word, H, D at the last ps of period 0, V at the first of period 1, a sync two periods later.</summary>
    internal static readonly TimeTag[] Tags =
    [
        new(TimeTag.SyncChannel, 0),
        new(0, 1_000),
        new(2, (1L << 25) - 1),
        new(1, 1L << 25),
        new(TimeTag.SyncChannel, (3L << 25) + 5),
    ];

    [Fact]
    public void The_spec_example_file_is_what_the_writer_produces()
    {
        byte[] file = PtuRoundTripTests.Write(Tags, out long records, new PtuWriterOptions("export.md example", "JinanOnboard", "1"));
        string root = RepositoryFiles.Root;
        string path = Path.Combine(root, "protocol-spec", "examples", "ptu-t2-example.hex");
        if (Environment.GetEnvironmentVariable("JINAN_APPROVE") == "1")
        {
            File.WriteAllText(path, RepositoryFiles.HexDump(file));
        }

        Assert.True(File.Exists(path), $"{path} is missing; run the test with JINAN_APPROVE=1 to create it.");
        Assert.Equal(File.ReadAllText(path), RepositoryFiles.HexDump(file));

        // The record table in export.md lists the same records, little-endian u32 per line.
        string spec = File.ReadAllText(Path.Combine(root, "protocol-spec", "export.md"));
        int start = file.Length - (int)records * PtuFormat.RecordBytes;
        for (int i = start; i < file.Length; i += 4)
        {
            string bytes = string.Join(' ', file[i..(i + 4)].Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));
            Assert.Contains($"| {i} | `{bytes}` |", spec, StringComparison.Ordinal);
        }

        using var reader = new PtuReader(new MemoryStream(file), "example");
        var back = new TimeTag[8];
        Assert.Equal(Tags, back[..reader.Read(back)]);
    }
}
