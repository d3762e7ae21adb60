using System.Buffers.Binary;
using JinanOnboard.Protocol.Integrity;
using JinanOnboard.Protocol.Signing;

namespace JinanOnboard.Protocol.Framing;

/// <summary>Outcome of checking one received frame, in the order the checks run.</summary>
public enum FrameCheck
{
    Ok,

    /// <summary>Frame error control (CRC-16) mismatch: bit errors on the link.</summary>
    BadCrc,

    /// <summary>CRC fine but the header is not one of ours (version, signalling, zone length, spacecraft id).</summary>
    Malformed,

    /// <summary>Ed25519 signature does not verify against the peer's key.</summary>
    BadSignature,
}

/// <summary>
/// Seals and opens fixed-length transfer frames: sync marker, header, packet zone, idle fill,
/// Ed25519 signature, CRC-16. The CRC runs first on receive so link bit errors cost no
/// signature verification.
/// </summary>
public static class TransferFrameCodec
{
    /// <summary>
    /// Completes a CADU whose packet zone (from offset 4 + 32) the caller has filled with
    /// <paramref name="header"/>.PacketZoneLength bytes of packets: writes the sync marker and
    /// header, zero-fills the idle part, signs and appends the CRC.
    /// </summary>
    public static void Seal(Span<byte> cadu, in TransferFrameHeader header, FrameSigner signer)
    {
        ArgumentNullException.ThrowIfNull(signer);
        int frameLength = cadu.Length - TransferFrameLayout.SyncMarkerLength;
        TransferFrameLayout.Validate(frameLength);
        if (header.PacketZoneLength > TransferFrameLayout.PacketZoneCapacity(frameLength))
        {
            throw new ArgumentOutOfRangeException(nameof(header), "Packet zone exceeds the frame's capacity.");
        }

        TransferFrameLayout.SyncMarker.CopyTo(cadu);
        Span<byte> frame = cadu[TransferFrameLayout.SyncMarkerLength..];
        header.WriteTo(frame);
        int idleStart = TransferFrameLayout.HeaderLength + header.PacketZoneLength;
        int signatureStart = frameLength - TransferFrameLayout.TrailerLength;
        frame[idleStart..signatureStart].Clear();
        signer.Sign(frame[..signatureStart], frame.Slice(signatureStart, TransferFrameLayout.SignatureLength));
        BinaryPrimitives.WriteUInt16BigEndian(frame[(frameLength - 2)..], Crc16Ccitt.Compute(frame[..(frameLength - 2)]));
    }

    /// <summary>True when the frame's last two bytes are the CRC-16 of the rest (receive check 2).</summary>
    public static bool CrcVerifies(ReadOnlySpan<byte> frame)
        => Crc16Ccitt.Compute(frame[..^2]) == BinaryPrimitives.ReadUInt16BigEndian(frame[^2..]);

    /// <summary>
    /// Checks a received frame (without its sync marker) in the order of frames.md: length, CRC,
    /// header (including <paramref name="spacecraftId"/>), signature. The cheap header checks run
    /// before the signature so a foreign spacecraft's frame costs no Ed25519 verification and is
    /// counted as malformed, not forged. On <see cref="FrameCheck.Ok"/>, <paramref name="packetZone"/>
    /// holds the frame's packets.
    /// </summary>
    public static FrameCheck Open(ReadOnlySpan<byte> frame, byte spacecraftId, FrameVerifier verifier, out TransferFrameHeader header, out ReadOnlySpan<byte> packetZone)
    {
        ArgumentNullException.ThrowIfNull(verifier);
        FrameCheck check = OpenUnverified(frame, out header, out packetZone);
        if (check != FrameCheck.Ok)
        {
            return check;
        }

        if (header.SpacecraftId != spacecraftId)
        {
            packetZone = default;
            return FrameCheck.Malformed;
        }

        int signatureStart = frame.Length - TransferFrameLayout.TrailerLength;
        if (!verifier.Verify(frame[..signatureStart], frame.Slice(signatureStart, TransferFrameLayout.SignatureLength)))
        {
            packetZone = default;
            return FrameCheck.BadSignature;
        }

        return FrameCheck.Ok;
    }

    /// <summary>
    /// The receive checks that need no key or configuration: length, CRC, and the header's own rules (version,
    /// signalling, zone length). The spacecraft id and the signature are left unchecked. For tools that read recorded
    /// frames without the link's keys (`jinan export`); the firmware's receiver uses <see cref="Open"/>.
    /// On <see cref="FrameCheck.Ok"/>, <paramref name="packetZone"/> holds the frame's packets.
    /// </summary>
    public static FrameCheck OpenUnverified(ReadOnlySpan<byte> frame, out TransferFrameHeader header, out ReadOnlySpan<byte> packetZone)
    {
        header = default;
        packetZone = default;
        int frameLength = frame.Length;
        if (frameLength is < TransferFrameLayout.MinFrameLength or > TransferFrameLayout.MaxFrameLength)
        {
            return FrameCheck.Malformed;
        }

        if (!CrcVerifies(frame))
        {
            return FrameCheck.BadCrc;
        }

        if (!TransferFrameHeader.TryRead(frame, out header)
            || header.PacketZoneLength > TransferFrameLayout.PacketZoneCapacity(frameLength))
        {
            return FrameCheck.Malformed;
        }

        packetZone = frame.Slice(TransferFrameLayout.HeaderLength, header.PacketZoneLength);
        return FrameCheck.Ok;
    }
}
