using System.CommandLine;
using JinanOnboard.Cli.Export;
using JinanOnboard.Devices.TimeTagger.Ptu;
using JinanOnboard.Primitives.Recording;
using JinanOnboard.Primitives.TimeTags;

namespace JinanOnboard.Cli.Commands;

internal static partial class CommandCatalog
{
    static partial void AddExport(RootCommand root)
    {
        var command = new Command("export", "Export a recording (--record) for other tools: its space packets as pcap for Wireshark, its time tags as a PicoQuant PTU file.");
        var file = new Argument<FileInfo>("FILE") { Description = "A recording written by --record (protocol-spec/recording-seam.md)." };
        var pcap = new Option<FileInfo?>("--pcap") { HelpName = "OUT.pcap", Description = "Write the space packets of both directions as a pcap file (protocol-spec/export.md); open with: tshark -r OUT.pcap -d udp.port==10018,ccsds -o ccsds.global_pref_checkword:no." };
        var ptu = new Option<FileInfo?>("--ptu") { HelpName = "OUT.ptu", Description = "Write the time tags of a ground recording as a PicoQuant PTU file (T2, HydraHarp V2 records, 1 ps)." };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON." };
        command.Arguments.Add(file);
        command.Options.Add(pcap);
        command.Options.Add(ptu);
        command.Options.Add(json);
        command.SetAction(parse =>
        {
            ExportResult result = Export(parse.GetValue(file)!, parse.GetValue(pcap), parse.GetValue(ptu));
            if (parse.GetValue(json))
            {
                CliJson.Write(result);
            }
            else
            {
                PrintExport(result);
            }

            return ExitCodes.Ok;
        });
        root.Subcommands.Add(command);
    }

    private static ExportResult Export(FileInfo file, FileInfo? pcapFile, FileInfo? ptuFile)
    {
        if (pcapFile is null && ptuFile is null)
        {
            throw new UserErrorException("export needs --pcap OUT.pcap, --ptu OUT.ptu or both");
        }

        if (!file.Exists)
        {
            throw new UserErrorException($"{file.FullName}: no such recording");
        }

        foreach (FileInfo output in new[] { pcapFile, ptuFile }.OfType<FileInfo>())
        {
            if (string.Equals(output.FullName, file.FullName, StringComparison.Ordinal) || Directory.Exists(output.FullName))
            {
                throw new UserErrorException($"{output.FullName}: cannot write the export there (it is the recording or a directory)");
            }
        }

        // Damage in the middle is exported around and named on stderr (export has no use for refusing it).
        RecordingReader reader = RecordingOpener.Open(file, acceptDamage: true);
        using (reader)
        {
            RecordingMetadata metadata = ParseMetadata(reader.MetadataJson, file.FullName);
            if (ptuFile is not null && metadata.Role != "ground")
            {
                throw new UserErrorException($"{file.FullName} is a {metadata.Role} recording: only a ground recording holds time tags for --ptu");
            }

            using var pcapOut = pcapFile is null ? null : new PartialFile(pcapFile);
            using var ptuOut = ptuFile is null ? null : new PartialFile(ptuFile);
            SpacePacketCapture? capture = pcapOut is null ? null
                : new SpacePacketCapture(new PcapWriter(pcapOut.Stream, PcapWriter.LinkTypeRaw), recordedByPayload: metadata.Role == "payload");
            PtuWriter? ptu = ptuOut is null ? null
                : new PtuWriter(ptuOut.Stream, new PtuWriterOptions($"Time tags of the JinanOnboard recording {file.Name}: {reader.MetadataJson}", "JinanOnboard jinan export"));
            var tags = new TimeTag[4096];
            foreach (RecordedUnit unit in reader.ReadAll())
            {
                if (unit.Stream == "link")
                {
                    capture?.Add(unit);
                }
                else if (unit.Stream == "time-tags" && ptu is not null)
                {
                    int count = TimeTagRecords.Count(unit);
                    if (tags.Length < count)
                    {
                        tags = new TimeTag[count];
                    }

                    WriteTags(ptu, tags.AsSpan(0, TimeTagRecords.Read(unit, tags)), file.FullName);
                }
            }

            ptu?.Complete();
            pcapOut?.Commit();
            ptuOut?.Commit();
            return new ExportResult(metadata.Role, metadata.Seed, metadata.Config, reader.TornTailBytes,
                capture is null ? null : PcapSummary(pcapFile!, capture),
                ptu is null ? null : new PtuExport(ptuFile!.FullName, ptu.Tags, ptu.Records, PtuFormat.Name((uint)PtuRecordType.HydraHarpV2T2)));
        }
    }

    private static void WriteTags(PtuWriter ptu, ReadOnlySpan<TimeTag> tags, string path)
    {
        try
        {
            ptu.Write(tags);
        }
        catch (ArgumentException ex)
        {
            throw new UserErrorException($"{path}: {ex.Message}", ExitCodes.Failure);
        }
    }

    private static PcapExport PcapSummary(FileInfo path, SpacePacketCapture capture)
    {
        PcapDirection Direction(bool fromPayload) => new(
            fromPayload ? "payload" : "ground",
            fromPayload ? "ground" : "payload",
            Address(fromPayload ? SpacePacketCapture.PayloadAddress : SpacePacketCapture.GroundAddress),
            capture.Apids.Where(a => a.Key.FromPayload == fromPayload).Sum(a => a.Value),
            [.. capture.Apids.Where(a => a.Key.FromPayload == fromPayload).OrderBy(a => a.Key.Apid).Select(a => new ApidCount(a.Key.Apid, a.Value))]);
        return new PcapExport(path.FullName, SpacePacketCapture.Port, capture.Apids.Values.Sum(), capture.Frames, capture.FramesLeftOut,
            capture.PacketsMalformed, [Direction(true), Direction(false)]);
    }

    private static string Address(uint address) => $"{address >> 24}.{(address >> 16) & 0xFF}.{(address >> 8) & 0xFF}.{address & 0xFF}";

    private static void PrintExport(ExportResult result)
    {
        Console.Out.WriteLine($"{result.Role} recording, seed {result.Seed}, config {result.Config}");
        if (result.Pcap is { } pcap)
        {
            Console.Out.WriteLine($"  pcap {pcap.Path}: {pcap.Packets} space packets from {pcap.Frames} frames ({pcap.FramesLeftOut} frames left out, {pcap.PacketsMalformed} malformed zones)");
            foreach (PcapDirection d in pcap.Directions)
            {
                Console.Out.WriteLine($"    {d.From} -> {d.To} (ip.src=={d.Source}): {d.Packets} packets, APIDs {string.Join(", ", d.Apids.Select(a => $"0x{a.Apid:X3}×{a.Packets}"))}");
            }

            Console.Out.WriteLine($"    open with: tshark -r {pcap.Path} -d udp.port=={pcap.UdpPort},ccsds -o ccsds.global_pref_checkword:no");
        }

        if (result.Ptu is { } ptu)
        {
            Console.Out.WriteLine($"  ptu {ptu.Path}: {ptu.Tags} time tags in {ptu.Records} records ({ptu.RecordType}, 1 ps)");
        }

        if (result.TornTailBytes > 0)
        {
            Console.Out.WriteLine($"  torn tail: {result.TornTailBytes} bytes after the last whole record were not exported");
        }
    }

    /// <summary>An export being written: OUT.partial until <see cref="Commit"/> renames it, deleted if the export fails.</summary>
    private sealed class PartialFile : IDisposable
    {
        private readonly string _path;
        private readonly string _partial;
        private bool _committed;

        public PartialFile(FileInfo file)
        {
            _path = file.FullName;
            _partial = _path + ".partial";
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
                Stream = new BufferedStream(new FileStream(_partial, FileMode.Create, FileAccess.ReadWrite, FileShare.None), 1 << 20);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new UserErrorException($"{_path}: cannot write the export ({ex.Message})");
            }
        }

        public Stream Stream { get; }

        public void Commit()
        {
            Stream.Dispose();
            File.Move(_partial, _path, overwrite: true);
            _committed = true;
        }

        public void Dispose()
        {
            Stream.Dispose();
            if (!_committed)
            {
                File.Delete(_partial);
            }
        }
    }

    internal sealed record ApidCount(int Apid, long Packets);

    internal sealed record PcapDirection(string From, string To, string Source, long Packets, IReadOnlyList<ApidCount> Apids);

    internal sealed record PcapExport(string Path, int UdpPort, long Packets, long Frames, long FramesLeftOut, long PacketsMalformed, IReadOnlyList<PcapDirection> Directions);

    internal sealed record PtuExport(string Path, long Tags, long Records, string RecordType);

    internal sealed record ExportResult(string Role, ulong Seed, string Config, long TornTailBytes, PcapExport? Pcap, PtuExport? Ptu);
}
