namespace JinanOnboard.Protocol.Framing;

/// <summary>
/// Byte layout of the fixed-length signed transfer frame (protocol-spec/frames.md is normative).
/// </summary>
public static class TransferFrameLayout
{
    /// <summary>CCSDS attached sync marker that precedes every frame on the wire (CCSDS 131.0-B).</summary>
    public static ReadOnlySpan<byte> SyncMarker => [0x1A, 0xCF, 0xFC, 0x1D];

    public const int SyncMarkerLength = 4;
    public const int HeaderLength = 32;
    public const int SignatureLength = 64;
    public const int CrcLength = 2;
    public const int TrailerLength = SignatureLength + CrcLength;

    /// <summary>Transfer frame version number 2 ("01"), as for AOS frames.</summary>
    public const int Version = 1;

    public const int MinFrameLength = 256;
    public const int MaxFrameLength = 16384;

    /// <summary>Virtual channel that carries application packets.</summary>
    public const byte DataVirtualChannel = 1;

    /// <summary>Bytes of packets a frame of <paramref name="frameLength"/> can carry.</summary>
    public static int PacketZoneCapacity(int frameLength) => frameLength - HeaderLength - TrailerLength;

    /// <summary>Bytes a frame occupies on the wire including its sync marker.</summary>
    public static int CaduLength(int frameLength) => SyncMarkerLength + frameLength;

    /// <summary>Throws unless <paramref name="frameLength"/> is in the supported range.</summary>
    public static void Validate(int frameLength)
    {
        if (frameLength is < MinFrameLength or > MaxFrameLength)
        {
            throw new ArgumentOutOfRangeException(nameof(frameLength), frameLength, $"Frame length must be {MinFrameLength}..{MaxFrameLength} bytes.");
        }
    }
}
