namespace JinanOnboard.Distillation.Protocol.Messages;

/// <summary>
/// Ground → payload after step 6: commit (store) or discard the payload's pending key of a block.
/// Protected by the firmware's frame signature only. Layout in protocol-spec §Commit.
/// </summary>
/// <param name="BlockId">PA block number.</param>
/// <param name="Commit">True = store the pending key; false = discard it.</param>
internal sealed record CommitMessage(uint BlockId, bool Commit)
{
    public byte[] Encode()
    {
        var w = new WireWriter(5);
        w.U32(BlockId);
        w.U8(Commit ? (byte)1 : (byte)0);
        return w.ToArray();
    }

    public static CommitMessage Decode(ReadOnlySpan<byte> body)
    {
        var r = new WireReader(body, "commit");
        uint blockId = r.U32("block_id");
        byte decision = r.U8("decision");
        if (decision > 1)
        {
            throw r.Fail($"unknown decision {decision}");
        }

        r.End();
        return new CommitMessage(blockId, decision == 1);
    }
}
