namespace JinanOnboard.Protocol.Coding;

/// <summary>Channel coding of the link's frames (frames.md "Channel coding"); both ends must use the same.</summary>
public enum ChannelCoding
{
    /// <summary>The frame goes on the wire as it is (CRC-16 detects errors; a damaged frame is retransmitted).</summary>
    None,

    /// <summary>Interleaved CCSDS Reed–Solomon (255,223): corrects bit errors and short bursts in place.</summary>
    ReedSolomon,
}
