using CsCheck;
using JinanOnboard.Protocol.Delivery;
using JinanOnboard.Protocol.Framing;

namespace JinanOnboard.Protocol.Tests.Delivery;

public sealed class ReassemblerTests
{
    [Fact]
    public void Segments_arriving_in_any_order_rebuild_the_message_exactly_once()
    {
        Gen.Select(Gen.Int[2, 12], Gen.Int[0, int.MaxValue]).Sample((count, seed) =>
        {
            byte[][] parts = Enumerable.Range(0, count).Select(i => Enumerable.Repeat((byte)i, 1 + (i % 3)).ToArray()).ToArray();
            var reassembler = new Reassembler(maxSegments: 64);
            var results = new List<InboundMessage>();
            int[] order = Enumerable.Range(0, count).ToArray();
            new Random(seed).Shuffle(order);
            foreach (int i in order)
            {
                InboundMessage? message = reassembler.Add(10 + (uint)i, Flags(i, count), 0x100, 7, parts[i]);
                if (message is not null)
                {
                    results.Add(message);
                }
            }

            InboundMessage whole = Assert.Single(results);
            Assert.Equal(parts.SelectMany(p => p), whole.Data);
            Assert.Equal((ushort)0x100, whole.Apid);
            Assert.Equal(7, whole.Type);
            Assert.True(whole.Reliable);
            Assert.Equal(0, reassembler.Pending);
        }, iter: 200);
    }

    [Fact]
    public void A_message_whose_last_segment_has_the_largest_id_is_rebuilt()
    {
        // Regression: the copy loop ran "i <= last" with last = 2^32 - 1, wrapped to id 0 and threw KeyNotFoundException
        // (the packets fuzz mode's input corpus/packets/valid-segments-ending-at-the-largest-message-id.bin).
        var reassembler = new Reassembler(maxSegments: 64);
        Assert.Null(reassembler.Add(uint.MaxValue, SequenceFlags.Last, 0x100, 3, [3, 4]));
        InboundMessage message = reassembler.Add(uint.MaxValue - 1, SequenceFlags.First, 0x100, 3, [1, 2])!;
        Assert.Equal([1, 2, 3, 4], message.Data);
        Assert.Equal(0, reassembler.Pending);
    }

    [Fact]
    public void A_first_segment_at_the_largest_id_never_completes_because_ids_do_not_wrap()
    {
        var reassembler = new Reassembler(maxSegments: 64);
        Assert.Null(reassembler.Add(0, SequenceFlags.Last, 0x100, 3, [2]));
        Assert.Null(reassembler.Add(uint.MaxValue, SequenceFlags.First, 0x100, 3, [1]));
        Assert.Equal(2, reassembler.Pending);
    }

    [Fact]
    public void Two_messages_interleaved_complete_independently()
    {
        // Message A is ids 1-3 (type 1), message B ids 4-5 (type 2); they arrive mixed.
        var reassembler = new Reassembler(maxSegments: 64);
        Assert.Null(reassembler.Add(1, SequenceFlags.First, 0x100, 1, [1]));
        Assert.Null(reassembler.Add(5, SequenceFlags.Last, 0x100, 2, [5]));
        Assert.Null(reassembler.Add(3, SequenceFlags.Last, 0x100, 1, [3]));
        InboundMessage b = reassembler.Add(4, SequenceFlags.First, 0x100, 2, [4])!;
        Assert.Equal(2, b.Type);
        Assert.Equal([4, 5], b.Data);
        InboundMessage a = reassembler.Add(2, SequenceFlags.Continuation, 0x100, 1, [2])!;
        Assert.Equal(1, a.Type);
        Assert.Equal([1, 2, 3], a.Data);
        Assert.Equal(0, reassembler.Pending);
    }

    [Fact]
    public void A_run_completes_only_when_every_id_from_first_to_last_is_present()
    {
        var reassembler = new Reassembler(maxSegments: 64);
        Assert.Null(reassembler.Add(7, SequenceFlags.Last, 0x100, 1, [3]));
        Assert.Null(reassembler.Add(5, SequenceFlags.First, 0x100, 1, [1]));
        Assert.Equal(2, reassembler.Pending);
        Assert.Equal([1, 2, 3], reassembler.Add(6, SequenceFlags.Continuation, 0x100, 1, [2])!.Data);
        Assert.Equal(0, reassembler.Pending);
    }

    [Fact]
    public void A_peer_that_never_completes_its_messages_cannot_exhaust_memory()
    {
        var reassembler = new Reassembler(maxSegments: 3);
        for (uint id = 1; id <= 3; id++)
        {
            Assert.Null(reassembler.Add(id * 2, SequenceFlags.Continuation, 0x100, 1, [0]));
        }

        Assert.Throws<ProtocolViolationException>(() => reassembler.Add(99, SequenceFlags.First, 0x100, 1, [0]));
    }

    [Fact]
    public void A_segmented_message_longer_than_the_largest_body_is_a_protocol_violation()
    {
        var reassembler = new Reassembler(maxSegments: 64, maxMessageBytes: 10);
        Assert.Null(reassembler.Add(1, SequenceFlags.First, 0x100, 1, new byte[4]));
        Assert.Null(reassembler.Add(3, SequenceFlags.Last, 0x100, 1, new byte[4]));
        Assert.Throws<ProtocolViolationException>(() => reassembler.Add(2, SequenceFlags.Continuation, 0x100, 1, new byte[4]));

        var exact = new Reassembler(maxSegments: 64, maxMessageBytes: 10);
        Assert.Null(exact.Add(1, SequenceFlags.First, 0x100, 1, new byte[5]));
        Assert.Equal(10, exact.Add(2, SequenceFlags.Last, 0x100, 1, new byte[5])!.Data.Length);
    }

    private static SequenceFlags Flags(int index, int count)
        => index == 0 ? SequenceFlags.First : index == count - 1 ? SequenceFlags.Last : SequenceFlags.Continuation;
}
