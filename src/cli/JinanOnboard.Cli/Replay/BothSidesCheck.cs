using System.Buffers.Binary;
using System.Text.Json.Nodes;
using JinanOnboard.Primitives.Recording;
using JinanOnboard.Protocol.Framing;

namespace JinanOnboard.Cli.Replay;

/// <summary>
/// `jinan replay payload.jrec ground.jrec` (protocol-spec/replay.md §Both sides): every frame one side received must be,
/// byte for byte, a frame the other side sent (matched by its frame sequence number in the sender's session), or fail its
/// CRC (damaged on the emulated link beyond what Reed-Solomon corrects); sent frames never received were lost. The first
/// received frame that is neither is the divergence: which direction and recording, its record index, pass time and the
/// first byte that differs.
/// </summary>
internal static class BothSidesCheck
{
    internal sealed record DirectionResult(string Direction, long FramesSent, long FramesReceived, long Duplicates, long DamagedOnLink, long Lost);

    internal sealed record Divergence(string Direction, string Recording, long RecordIndex, double PassS, ulong FrameSequence, int ByteOffset, string Sent, string Received);

    internal sealed record Result(IReadOnlyList<DirectionResult> Directions, Divergence? Divergence);

    /// <summary>Sequence numbers occupy header bytes 24..31 (frames.md): the sender's frame number, never repeated in a session.</summary>
    private static ulong SequenceOf(ReadOnlySpan<byte> frame) => TransferFrameHeader.TryRead(frame, out TransferFrameHeader h) ? h.FrameSequence : 0;

    public static Result Run(string first, string second)
    {
        (string role1, List<(long, TimeSpan, byte[])> out1, List<(long, TimeSpan, byte[])> in1) = Read(first);
        (string role2, List<(long, TimeSpan, byte[])> out2, List<(long, TimeSpan, byte[])> in2) = Read(second);
        if (role1 == role2)
        {
            throw new UserErrorException($"replay: both recordings are the {role1}'s; give the payload's and the ground's of one pass");
        }

        (string payloadPath, string groundPath) = role1 == "payload" ? (first, second) : (second, first);
        var (payloadOut, payloadIn, groundOut, groundIn) = role1 == "payload" ? (out1, in1, out2, in2) : (out2, in2, out1, in1);
        (DirectionResult down, Divergence? downFirst) = Check("downlink", payloadOut, groundIn, groundPath);
        (DirectionResult up, Divergence? upFirst) = Check("uplink", groundOut, payloadIn, payloadPath);
        Divergence? divergence = downFirst is null ? upFirst : upFirst is null ? downFirst : downFirst.PassS <= upFirst.PassS ? downFirst : upFirst;
        return new Result([down, up], divergence);
    }

    private static (DirectionResult, Divergence?) Check(string direction, List<(long Index, TimeSpan Pass, byte[] Frame)> sent, List<(long Index, TimeSpan Pass, byte[] Frame)> received, string receiverPath)
    {
        var sentBySequence = new Dictionary<ulong, byte[]>();
        foreach ((_, _, byte[] frame) in sent)
        {
            sentBySequence.TryAdd(SequenceOf(frame), frame);
        }

        var seen = new HashSet<ulong>();
        long duplicates = 0, damaged = 0;
        Divergence? divergence = null;
        foreach ((long index, TimeSpan pass, byte[] frame) in received)
        {
            if (!TransferFrameCodec.CrcVerifies(frame))
            {
                damaged++;
                continue;
            }

            ulong sequence = SequenceOf(frame);
            if (sentBySequence.TryGetValue(sequence, out byte[]? original) && original.AsSpan().SequenceEqual(frame))
            {
                duplicates += seen.Add(sequence) ? 0 : 1;
                continue;
            }

            if (divergence is null)
            {
                byte[] reference = original ?? [];
                int at = 0;
                while (at < frame.Length && at < reference.Length && frame[at] == reference[at])
                {
                    at++;
                }

                divergence = new Divergence(direction, receiverPath, index, pass.TotalSeconds, sequence, at,
                    original is null ? "(no frame with this sequence number)" : Hex(reference, at), Hex(frame, at));
            }
        }

        long lost = sentBySequence.Keys.Count(s => !seen.Contains(s));
        return (new DirectionResult(direction, sentBySequence.Count, seen.Count, duplicates, damaged, Math.Max(0, lost - damaged)), divergence);
    }

    private static string Hex(byte[] data, int at) => Convert.ToHexString(data.AsSpan(at, Math.Min(16, Math.Max(0, data.Length - at))));

    private static (string Role, List<(long, TimeSpan, byte[])> Sent, List<(long, TimeSpan, byte[])> Received) Read(string path)
    {
        try
        {
            using RecordingReader reader = RecordingReader.Open(path);
            string role = JsonNode.Parse(reader.MetadataJson)?["role"]?.GetValue<string>() ?? throw new UserErrorException($"{path}: no role in the recording's metadata");
            var sent = new List<(long, TimeSpan, byte[])>();
            var received = new List<(long, TimeSpan, byte[])>();
            long index = 0;
            foreach (RecordedUnit unit in reader.ReadAll())
            {
                if (unit.Stream == "link")
                {
                    if (unit.Direction == TapDirection.Outgoing)
                    {
                        sent.Add((index, unit.PassTime, unit.Data[TransferFrameLayout.SyncMarkerLength..])); // CADU: sync marker + frame
                    }
                    else
                    {
                        received.Add((index, unit.PassTime, unit.Data));
                    }
                }

                index++;
            }

            return (role, sent, received);
        }
        catch (Exception ex) when (ex is InvalidDataException or System.Text.Json.JsonException)
        {
            throw new UserErrorException(ex.Message);
        }
    }
}
