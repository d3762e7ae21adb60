using System.Buffers.Binary;

namespace JinanOnboard.Protocol.Integrity;

/// <summary>
/// CRC-16-CCITT as used for the CCSDS frame error control field (CCSDS 131.0-B / 732.0-B §4.1.6):
/// polynomial x^16 + x^12 + x^5 + 1 (0x1021), initial value 0xFFFF, no reflection, no final XOR.
/// Check value for the ASCII string "123456789" is 0x29B1.
/// </summary>
/// <remarks>
/// Every frame is checked up to three times (sealed, then checked before and after channel decoding), so the CRC
/// runs eight bytes per step (slicing-by-8, Intel's "slicing-by-N" table method): table k maps a byte to its CRC
/// contribution k bytes further on, and the eight look-ups of a step are independent.
/// </remarks>
public static class Crc16Ccitt
{
    private static readonly ushort[] Tables = BuildTables();

    /// <summary>Computes the CRC of <paramref name="data"/>.</summary>
    public static ushort Compute(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFF;
        ReadOnlySpan<ushort> t = Tables;
        while (data.Length >= 8)
        {
            ulong word = BinaryPrimitives.ReadUInt64BigEndian(data);
            uint b0 = (uint)(word >> 56) ^ (crc >> 8);
            uint b1 = (uint)(word >> 48) & 0xFF ^ (crc & 0xFF);
            crc = (uint)(t[(7 * 256) + (int)(b0 & 0xFF)] ^ t[(6 * 256) + (int)b1]
                ^ t[(5 * 256) + (int)((word >> 40) & 0xFF)] ^ t[(4 * 256) + (int)((word >> 32) & 0xFF)]
                ^ t[(3 * 256) + (int)((word >> 24) & 0xFF)] ^ t[(2 * 256) + (int)((word >> 16) & 0xFF)]
                ^ t[256 + (int)((word >> 8) & 0xFF)] ^ t[(int)(word & 0xFF)]);
            data = data[8..];
        }

        foreach (byte b in data)
        {
            crc = ((crc << 8) ^ t[(int)(((crc >> 8) ^ b) & 0xFF)]) & 0xFFFF;
        }

        return (ushort)crc;
    }

    private static ushort[] BuildTables()
    {
        var tables = new ushort[8 * 256];
        for (int i = 0; i < 256; i++)
        {
            ushort crc = (ushort)(i << 8);
            for (int bit = 0; bit < 8; bit++)
            {
                crc = (crc & 0x8000) != 0 ? (ushort)((crc << 1) ^ 0x1021) : (ushort)(crc << 1);
            }

            tables[i] = crc;
        }

        // Table k: the byte followed by k zero bytes.
        for (int k = 1; k < 8; k++)
        {
            for (int i = 0; i < 256; i++)
            {
                ushort previous = tables[((k - 1) * 256) + i];
                tables[(k * 256) + i] = (ushort)((previous << 8) ^ tables[previous >> 8]);
            }
        }

        return tables;
    }
}
