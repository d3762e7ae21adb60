using JinanOnboard.Distillation.KeyStorage;

namespace JinanOnboard.Distillation.Tests.KeyStorage;

/// <summary>One key-file record (protocol-spec/privacy-amplification.md "Key store"): layout, and what reads as torn.</summary>
public sealed class KeyRecordCodecTests
{
    // Block 0x0102 of pass "p1", metadata "{}", a 9-bit key FF 01; CRC-32 computed independently (Python zlib.crc32).
    // The magic is the u32 0x314B534A written little-endian: the bytes spell "JSK1".
    private const string Record = "4A534B31" + "16000000" + "0201000000000000" + "09000000" + "0200" + "7031" + "0200" + "7B7D" + "FF01" + "CFEA0186";

    [Fact]
    public void A_record_is_the_documented_little_endian_layout_and_reads_back()
    {
        byte[] record = KeyRecordCodec.Encode(0x0102, "p1", "{}", [0xFF, 0xFF], 9);
        Assert.Equal(Record, Convert.ToHexString(record));

        Assert.True(KeyRecordCodec.TryDecode([.. record, 0xAA], out StoredKeyInfo info, out int keyOffset, out int recordLength));
        Assert.Equal(new StoredKeyInfo(0x0102, "p1", 9, "{}"), info);
        Assert.Equal(record.Length - 4 - 2, keyOffset);
        Assert.Equal(record.Length, recordLength);
    }

    [Fact]
    public void Every_truncation_reads_as_torn()
    {
        byte[] record = Convert.FromHexString(Record);
        for (int length = 0; length < record.Length; length++)
        {
            Assert.False(KeyRecordCodec.TryDecode(record.AsSpan(0, length), out _, out _, out _));
        }
    }

    [Fact]
    public void The_smallest_record_an_append_can_write_reads_back()
    {
        // Empty pass id and metadata, a 0-bit key: a 16-byte body, which the reader once took for a torn tail.
        byte[] record = KeyRecordCodec.Encode(7, "", "", [], 0);
        Assert.True(KeyRecordCodec.TryDecode(record, out StoredKeyInfo info, out _, out int recordLength));
        Assert.Equal(new StoredKeyInfo(7, "", 0, ""), info);
        Assert.Equal(record.Length, recordLength);
    }
}
