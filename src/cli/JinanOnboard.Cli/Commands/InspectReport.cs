using System.Globalization;
using JinanOnboard.Primitives.Recording;

namespace JinanOnboard.Cli.Commands;

/// <summary>What `jinan inspect` finds in a recording (printed as text or, with --json, as this record).</summary>
internal sealed record InspectResult(
    string File, int Version, long FileBytes, string? Role, string? Config, ulong? Seed, double? DurationS,
    IReadOnlyList<InspectStreamSummary> Streams, IReadOnlyList<InspectLinkSummary> Links, double GapThresholdS,
    long TornTailOffset, long TornTailBytes, IReadOnlyList<InspectDamage> Damage, double InspectWallS);

/// <summary>One stream and direction: records, their data bytes in the file, time tags, pass-time span and gaps.</summary>
internal sealed record InspectStreamSummary(
    string Stream, string Direction, long Records, long Bytes, long? Tags, double? BytesPerTag, double FirstPassS, double LastPassS,
    long Gaps, IReadOnlyList<InspectGap> GapsListed);

/// <summary>Pass time between two consecutive records of a stream above the threshold.</summary>
internal sealed record InspectGap(double FromS, double ToS, double LengthS);

/// <summary>A damaged stretch of the file (recording-seam.md §Damage).</summary>
internal sealed record InspectDamage(long Offset, long Length, int? RecordsLost);

/// <summary>The payload's QBER estimate sent with one packet's syndrome (distillation.md §Syndrome).</summary>
internal sealed record InspectPacketQber(int PacketId, double Qber, int CodeId);

/// <summary>A PA block's exact error rate m / n from its instruction (distillation.md §PaInstruction).</summary>
internal sealed record InspectBlock(uint BlockId, int Packets, long SiftedBits, long ErrorBits, double Qber, long LambdaEcBits, long KeyBits);

/// <summary>
/// One direction of the link. <c>repeated_reliable_packets</c>: packets whose reliable message id was already seen in
/// this direction (retransmissions when outgoing, duplicates received when incoming).
/// </summary>
internal sealed record InspectLinkSummary(
    string Direction, long Frames, long FramesBadLength, long FramesBadCrc, long FramesMalformed, long FramesMissing, long FramesOutOfOrder,
    long PacketsMalformed, IReadOnlyDictionary<string, long> PacketsPerApid, long RepeatedReliablePackets, long Messages,
    IReadOnlyList<InspectPacketQber> PacketQber, IReadOnlyList<InspectBlock> Blocks)
{
    public static InspectLinkSummary Of(TapDirection direction, InspectLink link) => new(
        direction == TapDirection.Outgoing ? "outgoing" : "incoming",
        link.Frames, link.FramesBadLength, link.FramesBadCrc, link.FramesMalformed, link.FramesMissing, link.FramesOutOfOrder,
        link.PacketsMalformed,
        link.PacketsPerApid.OrderBy(p => p.Key).ToDictionary(p => $"0x{p.Key:X3}", p => p.Value),
        link.ReliableRepeats, link.Messages,
        [.. link.Packets.Values.Select(p => new InspectPacketQber(p.PacketId, p.QberPpm / 1e6, p.CodeId))],
        [.. link.Blocks.Values.Select(b => new InspectBlock(b.BlockId, b.Packets, b.SiftedBits, b.ErrorBits,
            b.SiftedBits == 0 ? 0 : (double)b.ErrorBits / b.SiftedBits, b.LambdaEcBits, b.KeyBits))]);
}

/// <summary>Counts one stream and direction as its records go by.</summary>
internal sealed class InspectStreamTally(string stream, TapDirection direction)
{
    private readonly List<InspectGap> _gaps = [];
    private long _records;
    private long _bytes;
    private long _tags;
    private long _gapCount;
    private double _first;
    private double _last;

    public void Add(RecordedUnit unit, double gapThresholdS)
    {
        double passS = unit.PassTime.TotalSeconds;
        if (_records == 0)
        {
            _first = passS;
        }
        else if (passS - _last > gapThresholdS)
        {
            _gapCount++;
            _gaps.Add(new InspectGap(_last, passS, passS - _last));
        }

        _last = _records == 0 ? passS : Math.Max(_last, passS);
        _records++;
        _bytes += unit.Data.Length;
        if (stream == "time-tags")
        {
            _tags += TimeTagRecords.Count(unit);
        }
    }

    public InspectStreamSummary Summary(int gapsListed)
    {
        bool tags = stream == "time-tags";
        return new InspectStreamSummary(stream, direction == TapDirection.Outgoing ? "outgoing" : "incoming", _records, _bytes,
            tags ? _tags : null, tags && _tags > 0 ? Math.Round((double)_bytes / _tags, 3) : null, _first, _last, _gapCount, [.. _gaps.Take(gapsListed)]);
    }
}

/// <summary>The text form of <see cref="InspectResult"/>.</summary>
internal static class InspectText
{
    public static void Write(InspectResult r, TextWriter o)
    {
        CultureInfo c = CultureInfo.InvariantCulture;
        o.WriteLine(string.Create(c, $"{r.File}: version {r.Version} recording, {r.FileBytes} bytes"));
        o.WriteLine(string.Create(c, $"  role {r.Role ?? "unknown"}, config {r.Config ?? "unknown"}, seed {(r.Seed?.ToString(c) ?? "unknown")}, duration {(r.DurationS is { } d ? d.ToString(c) + " s" : "unknown")}"));
        foreach (InspectStreamSummary s in r.Streams)
        {
            string tags = s.Tags is { } t ? string.Create(c, $", {t} tags ({s.BytesPerTag:F2} B/tag)") : "";
            o.WriteLine(string.Create(c, $"  {s.Stream,-9} {s.Direction,-8} {s.Records,8} records {s.Bytes,12} bytes{tags}, pass time {s.FirstPassS:F3}…{s.LastPassS:F3} s, {s.Gaps} gap(s) > {r.GapThresholdS:F1} s"));
            foreach (InspectGap g in s.GapsListed)
            {
                o.WriteLine(string.Create(c, $"    gap {g.FromS:F3} → {g.ToS:F3} s ({g.LengthS:F3} s)"));
            }
        }

        foreach (InspectLinkSummary l in r.Links)
        {
            o.WriteLine(string.Create(c, $"  link {l.Direction}: {l.Frames} frames, {l.FramesBadCrc} bad CRC, {l.FramesMalformed + l.FramesBadLength} malformed, {l.FramesMissing} missing from the sender's sequence, {l.FramesOutOfOrder} out of order; {l.PacketsMalformed} malformed packets, {l.RepeatedReliablePackets} repeated reliable packets ({(l.Direction == "outgoing" ? "retransmissions" : "duplicates")}), {l.Messages} messages"));
            o.WriteLine(string.Create(c, $"    packets per APID: {string.Join(", ", l.PacketsPerApid.Select(p => $"{p.Key} {p.Value}"))}"));
            if (l.PacketQber.Count > 0)
            {
                o.WriteLine(string.Create(c, $"    per-packet QBER (payload estimate, {l.PacketQber.Count} packets): {string.Join(" ", l.PacketQber.Select(p => string.Create(c, $"{p.PacketId}:{p.Qber * 100:F2}%")))}"));
            }

            foreach (InspectBlock b in l.Blocks)
            {
                o.WriteLine(string.Create(c, $"    PA block {b.BlockId}: {b.Packets} packets, {b.SiftedBits} bits, {b.ErrorBits} errors (QBER {b.Qber * 100:F3} %), λ_EC {b.LambdaEcBits}, key {b.KeyBits} bits"));
            }
        }

        o.WriteLine(r.TornTailBytes > 0
            ? string.Create(c, $"  torn tail: {r.TornTailBytes} bytes from offset {r.TornTailOffset} (the recorder did not close; records up to there are read)")
            : "  no torn tail");
        o.WriteLine(r.Damage.Count == 0 ? "  no damage" : string.Create(c, $"  {r.Damage.Count} damaged stretch(es) skipped (--accept-damage):"));
        foreach (string line in RecordingOpener.Describe(r.Damage.Select(d => new RecordingDamage(d.Offset, d.Length, d.RecordsLost))))
        {
            o.WriteLine("  " + line);
        }

        o.WriteLine(string.Create(c, $"  inspected in {r.InspectWallS:F3} s"));
    }
}
