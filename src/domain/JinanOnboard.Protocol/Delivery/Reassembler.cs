using JinanOnboard.Protocol.Framing;

namespace JinanOnboard.Protocol.Delivery;

/// <summary>
/// Rebuilds segmented messages. Segments of one message carry consecutive message ids, the
/// first flagged First and the last flagged Last, so a message is complete when an unbroken
/// run First..Last is present, whatever order the segments arrived in. Public so that tools reading recorded links
/// (`jinan inspect`) rebuild messages exactly as the receiver does.
/// </summary>
public sealed class Reassembler
{
    private readonly Dictionary<uint, (SequenceFlags Flags, ushort Apid, byte Type, byte[] Data)> _segments = [];
    private readonly int _maxSegments;
    private readonly int _maxMessageBytes;

    /// <param name="maxSegments">Segments held at most (a peer that never completes its messages).</param>
    /// <param name="maxMessageBytes">The largest message body (packets.md: 16 MiB); a longer run is a protocol violation.</param>
    public Reassembler(int maxSegments, int maxMessageBytes = LinkSessionOptions.DefaultMaxMessageBytes)
    {
        _maxSegments = maxSegments;
        _maxMessageBytes = maxMessageBytes;
    }

    public int Pending => _segments.Count;

    /// <summary>Adds a segment; returns the whole message when this segment completes one.</summary>
    public InboundMessage? Add(uint id, SequenceFlags flags, ushort apid, byte type, ReadOnlySpan<byte> data)
    {
        if (_segments.Count >= _maxSegments)
        {
            // A peer that never completes its messages must not exhaust memory.
            throw new ProtocolViolationException($"More than {_maxSegments} message segments pending reassembly.");
        }

        _segments[id] = (flags, apid, type, data.ToArray());
        uint first = id;
        while (_segments.TryGetValue(first, out var s) && s.Flags != SequenceFlags.First)
        {
            if (s.Flags != SequenceFlags.Continuation && first != id)
            {
                return null;
            }

            if (first == 0)
            {
                return null;
            }

            first--;
        }

        if (!_segments.TryGetValue(first, out var head) || head.Flags != SequenceFlags.First)
        {
            return null;
        }

        uint last = first;
        int total = head.Data.Length;
        while (true)
        {
            // Ids are u32 and do not wrap (delivery.md): nothing follows id 2^32 - 1, so a run still open there never completes.
            if (last == uint.MaxValue)
            {
                return null;
            }

            last++;
            if (!_segments.TryGetValue(last, out var s))
            {
                return null;
            }

            total += s.Data.Length;
            if (total > _maxMessageBytes)
            {
                // packets.md: the largest message body is 16 MiB; a sender never segments a longer one.
                throw new ProtocolViolationException($"A segmented message longer than {_maxMessageBytes} bytes.");
            }

            if (s.Flags == SequenceFlags.Last)
            {
                break;
            }

            if (s.Flags != SequenceFlags.Continuation)
            {
                return null;
            }
        }

        var body = new byte[total];
        int offset = 0;
        // Stops at last itself, not at "i > last": for a run ending at id 2^32 - 1 that never holds, i wrapped to 0 and the
        // lookup of the absent id 0 threw KeyNotFoundException out of the receive loop.
        for (uint i = first; ; i++)
        {
            byte[] part = _segments[i].Data;
            part.CopyTo(body, offset);
            offset += part.Length;
            _segments.Remove(i);
            if (i == last)
            {
                break;
            }
        }

        return new InboundMessage(head.Apid, head.Type, body, Reliable: true);
    }
}

/// <summary>The peer broke a protocol rule that no retransmission can fix.</summary>
public sealed class ProtocolViolationException(string message) : Exception(message);
