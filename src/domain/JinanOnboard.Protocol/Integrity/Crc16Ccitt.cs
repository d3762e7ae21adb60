namespace JinanOnboard.Protocol.Integrity;

/// <summary>
/// CRC-16-CCITT as used for the CCSDS frame error control field (CCSDS 131.0-B / 732.0-B §4.1.6):
/// polynomial x^16 + x^12 + x^5 + 1 (0x1021), initial value 0xFFFF, no reflection, no final XOR.
/// Check value for the ASCII string "123456789" is 0x29B1.
/// </summary>
public static class Crc16Ccitt
{
    private static readonly ushort[] Table = BuildTable();

    /// <summary>Computes the CRC of <paramref name="data"/>.</summary>
    public static ushort Compute(ReadOnlySpan<byte> data)
    {
        ushort crc = 0xFFFF;
        ushort[] table = Table;
        foreach (byte b in data)
        {
            crc = (ushort)((crc << 8) ^ table[(crc >> 8) ^ b]);
        }

        return crc;
    }

    private static ushort[] BuildTable()
    {
        var table = new ushort[256];
        for (int i = 0; i < 256; i++)
        {
            ushort crc = (ushort)(i << 8);
            for (int bit = 0; bit < 8; bit++)
            {
                crc = (crc & 0x8000) != 0 ? (ushort)((crc << 1) ^ 0x1021) : (ushort)(crc << 1);
            }

            table[i] = crc;
        }

        return table;
    }
}
