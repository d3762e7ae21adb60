using System.Diagnostics;
using System.Text.Json;
using JinanOnboard.Cli.Export;
using JinanOnboard.Devices.TimeTagger.Ptu;
using JinanOnboard.Primitives.Recording;
using JinanOnboard.Primitives.TimeTags;
using JinanOnboard.Protocol.Framing;
using JinanOnboard.Protocol.Signing;

namespace JinanOnboard.EndToEnd.Tests;

/// <summary>
/// `jinan export` of a recorded bench pass, checked by the tools it is for: tshark dissects the pcap as CCSDS with no
/// malformed packet, and the PTU file reads back as the recorded time tags (protocol-spec/export.md).
/// </summary>
public sealed class ExportTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    /// <summary>One short recorded pass (`jinan bench --duration-s 10 --record`) for every test here.</summary>
    private static readonly Lazy<Task<string>> RecordedPass = new(async () =>
    {
        string output = Path.Combine(JinanProcess.NewDirectory(), "out");
        JinanProcess.Result run = await JinanProcess.RunAsync(Timeout, "bench", "--duration-s", "10", "--out", output, "--record", "--json");
        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}\n{run.StandardError}");
        return output;
    });

    [Theory]
    [InlineData("ground")]
    [InlineData("payload")]
    public async Task Tshark_dissects_every_exported_packet_as_CCSDS_with_the_recorded_APIDs_and_nothing_malformed(string role)
    {
        string recorded = await RecordedPass.Value;
        string pcap = Path.Combine(JinanProcess.NewDirectory(), role + ".pcap");
        JinanProcess.Result export = await JinanProcess.RunAsync(Timeout, "export", Path.Combine(recorded, role + ".jrec"), "--pcap", pcap, "--json");
        Assert.True(export.ExitCode == 0, export.StandardError);
        using JsonDocument result = JsonDocument.Parse(export.StandardOutput);
        JsonElement summary = result.RootElement.GetProperty("pcap");
        Assert.Equal(0, summary.GetProperty("frames_left_out").GetInt64());
        Assert.Equal(0, summary.GetProperty("packets_malformed").GetInt64());

        // What the exporter wrote per direction and APID, as tshark names it: "ip.src apid".
        var expected = new Dictionary<string, long>();
        foreach (JsonElement direction in summary.GetProperty("directions").EnumerateArray())
        {
            Assert.True(direction.GetProperty("packets").GetInt64() > 0, $"no packets from the {direction.GetProperty("from")}");
            foreach (JsonElement apid in direction.GetProperty("apids").EnumerateArray())
            {
                expected[$"{direction.GetProperty("source").GetString()} {apid.GetProperty("apid").GetInt32()}"] = apid.GetProperty("packets").GetInt64();
            }
        }

        Assert.Contains("192.0.2.1 16", expected.Keys); // sync word batches from the payload
        Assert.Contains("192.0.2.2 256", expected.Keys); // distillation from the ground

        string[] fields = await TsharkAsync(pcap, "-T", "fields", "-e", "ip.src", "-e", "ccsds.apid", "-e", "frame.time_epoch");
        Assert.Equal(summary.GetProperty("packets").GetInt64(), fields.Length);
        var dissected = fields.Select(line => line.Split('\t')).GroupBy(f => $"{f[0]} {f[1]}").ToDictionary(g => g.Key, g => (long)g.Count());
        Assert.Equal(expected.OrderBy(e => e.Key), dissected.OrderBy(e => e.Key));
        Assert.All(fields, line => Assert.InRange(double.Parse(line.Split('\t')[2], System.Globalization.CultureInfo.InvariantCulture), 0, 11));

        Assert.Empty(await TsharkAsync(pcap, "-Y", "_ws.malformed || _ws.expert || !ccsds"));
    }

    [Fact]
    public async Task A_packet_shorter_than_the_dissectors_secondary_header_is_padded_and_not_malformed()
    {
        // A CLOSE (11 bytes: headers, no data) from the ground, in a signed frame as the ground records it incoming.
        using Identity identity = Identity.FromSeed([.. Enumerable.Range(1, 32).Select(i => (byte)i)]);
        byte[] cadu = new byte[TransferFrameLayout.CaduLength(256)];
        var close = new SpacePacket(isTelecommand: true, apid: 0x001, SequenceFlags.Unsegmented, 7, messageId: 9, messageType: 3, []);
        int zone = close.WriteTo(cadu.AsSpan(TransferFrameLayout.SyncMarkerLength + TransferFrameLayout.HeaderLength));
        TransferFrameCodec.Seal(cadu, new TransferFrameHeader(0x2A, 1, 1, 5, 6, 1, (ushort)zone), new FrameSigner(identity));

        string pcap = Path.Combine(JinanProcess.NewDirectory(), "close.pcap");
        await using (var file = File.Create(pcap))
        {
            var capture = new SpacePacketCapture(new PcapWriter(file, PcapWriter.LinkTypeRaw), recordedByPayload: true);
            capture.Add(new RecordedUnit("link", TapDirection.Incoming, TimeSpan.FromSeconds(2.5), cadu[TransferFrameLayout.SyncMarkerLength..]));

            // The same frame damaged on the link, as the deframer may record it: left out, counted.
            byte[] damaged = cadu[TransferFrameLayout.SyncMarkerLength..];
            damaged[100] ^= 0x10;
            capture.Add(new RecordedUnit("link", TapDirection.Incoming, TimeSpan.FromSeconds(2.6), damaged));
            Assert.Equal((2, 1, 0), (capture.Frames, capture.FramesLeftOut, capture.PacketsMalformed));
        }

        string[] fields = await TsharkAsync(pcap, "-T", "fields", "-e", "ip.src", "-e", "ccsds.apid", "-e", "ccsds.length", "-e", "udp.length", "-e", "frame.time_epoch");
        Assert.Equal(["192.0.2.2\t1\t4\t24\t2.500000000"], fields);
        Assert.Empty(await TsharkAsync(pcap, "-Y", "_ws.malformed || _ws.expert"));
    }

    [Fact]
    public async Task The_PTU_export_reads_back_as_exactly_the_recorded_time_tags()
    {
        string recorded = await RecordedPass.Value;
        string ground = Path.Combine(recorded, "ground.jrec");
        string ptu = Path.Combine(JinanProcess.NewDirectory(), "ground.ptu");
        JinanProcess.Result export = await JinanProcess.RunAsync(Timeout, "export", ground, "--ptu", ptu, "--json");
        Assert.True(export.ExitCode == 0, export.StandardError);

        var recordedTags = new List<TimeTag>();
        using (RecordingReader reader = RecordingReader.Open(ground))
        {
            foreach (RecordedUnit unit in reader.ReadAll().Where(u => u.Stream == "time-tags"))
            {
                var batch = new TimeTag[TimeTagRecords.Count(unit)];
                recordedTags.AddRange(batch[..TimeTagRecords.Read(unit, batch)]);
            }
        }

        var read = new List<TimeTag>(recordedTags.Count);
        using (PtuReader reader = PtuReader.Open(ptu))
        {
            var batch = new TimeTag[16_384];
            for (int n; (n = reader.Read(batch)) > 0;)
            {
                read.AddRange(batch[..n]);
            }

            Assert.True(reader.Overflows > 0);
        }

        Assert.True(recordedTags.Count > 100_000, $"{recordedTags.Count} tags");
        Assert.True(recordedTags.SequenceEqual(read), "the PTU file's tags differ from the recording's");
        Assert.Contains(read, t => t.Channel == TimeTag.SyncChannel);
    }

    [Fact]
    public async Task Asking_a_payload_recording_for_time_tags_is_one_line_and_exit_code_2()
    {
        string recorded = await RecordedPass.Value;
        string ptu = Path.Combine(JinanProcess.NewDirectory(), "payload.ptu");
        JinanProcess.Result export = await JinanProcess.RunAsync(Timeout, "export", Path.Combine(recorded, "payload.jrec"), "--ptu", ptu);
        Assert.Equal(2, export.ExitCode);
        Assert.Contains("is a payload recording: only a ground recording holds time tags", export.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", export.StandardError, StringComparison.Ordinal);
        Assert.False(File.Exists(ptu) || File.Exists(ptu + ".partial"));
    }

    /// <summary>Runs tshark on <paramref name="pcap"/> with the decode-as of export.md; returns its output lines.</summary>
    [Fact]
    public async Task A_PTU_export_feeds_a_live_OGS_which_distils_the_recorded_key_against_the_recorded_payload()
    {
        // Data from a commercial time tagger runs through the OGS chain: the pass's tags as a PTU file behind
        // `jinan ground --time-tags`, the pass's payload played into it (`jinan replay --as payload`).
        string recorded = await RecordedPass.Value;
        string root = JinanProcess.NewDirectory();
        string ptu = Path.Combine(root, "ground.ptu"), keys = Path.Combine(root, "keys");
        Assert.Equal(0, (await JinanProcess.RunAsync(Timeout, "export", Path.Combine(recorded, "ground.jrec"), "--ptu", ptu)).ExitCode);
        Assert.Equal(0, (await JinanProcess.RunAsync(Timeout, "keys", "init", "--out", keys)).ExitCode);

        (JinanProcess.Result ground, JinanProcess.Result replay) = await JinanProcess.RunGroundThenPayloadAsync(
            Timeout,
            ["ground", "--time-tags", ptu, "--duration-s", "10", "--keys", keys, "--out", Path.Combine(root, "ground"), "--endpoint", "tcp://127.0.0.1:0"],
            endpoint => ["replay", Path.Combine(recorded, "payload.jrec"), "--as", "payload", "--endpoint", endpoint, "--payload-secrets", keys, "--out", Path.Combine(root, "replay"), "--json"]);

        Assert.True(replay.ExitCode == 0, $"replay exit {replay.ExitCode}\n{replay.StandardOutput}\n{replay.StandardError}\nground:\n{ground.StandardError}");
        Assert.True(ground.ExitCode == 0, $"ground exit {ground.ExitCode}\n{ground.StandardError}");
        using JsonDocument live = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(recorded, "report.json")));
        using JsonDocument result = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(root, "ground", "result.json")));
        JsonElement details = result.RootElement.GetProperty("details");
        Assert.Equal(live.RootElement.GetProperty("ground").GetProperty("key_sha256").GetString(), details.GetProperty("key_sha256").GetString());
        Assert.True(details.GetProperty("recorded_time_tags_served").GetInt64() > 100_000);
    }

    private static async Task<string[]> TsharkAsync(string pcap, params string[] arguments)
    {
        string tshark = FindTshark()
            ?? throw new Xunit.Sdk.XunitException("tshark is not installed: run `make tshark` (or apt-get install tshark); CI installs it in .ci/run.");
        var info = new ProcessStartInfo(tshark) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in (string[])["-n", "-r", pcap, "-d", "udp.port==10018,ccsds", "-o", "ccsds.global_pref_checkword:no", .. arguments])
        {
            info.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(info)!;
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        string stdout = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"tshark exit {process.ExitCode}: {await stderr}");
        return stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    private static string? FindTshark()
        => (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, "tshark"))
            .FirstOrDefault(File.Exists);
}
