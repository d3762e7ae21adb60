using JinanOnboard.Primitives.Wire;

namespace JinanOnboard.Distillation.Exchange.Messages;

/// <summary>
/// Ground → payload after step 6: commit (store) or discard the payload's pending key of a block.
/// Protected by the firmware's frame signature only. Layout in protocol-spec §Commit.
/// </summary>
/// <param name="BlockId">PA block number.</param>
/// <param name="Commit">True = store the pending key; false = discard it.</param>
internal sealed record CommitMessage(uint BlockId, bool Commit)
{
    private const int Length = 5;

    public byte[] Encode()
    {
        var body = new byte[Length];
        var w = new WireWriter(body);
        w.U32(BlockId);
        w.Bool(Commit);
        return body;
    }

    public static CommitMessage Decode(ReadOnlySpan<byte> body)
    {
        var r = new WireReader(body, "commit");
        var message = new CommitMessage(r.U32("block_id"), r.Bool("decision"));
        r.End();
        return message;
    }
}
