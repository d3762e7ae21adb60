using System.Buffers;
using CsCheck;
using JinanOnboard.Protocol.Framing;
using JinanOnboard.Protocol.Integrity;
using JinanOnboard.Protocol.Signing;

namespace JinanOnboard.Protocol.Tests.Framing;

public sealed class TransferFrameCodecTests
{
    private static readonly Identity Signer = Identity.FromSeed(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray());
    private static readonly FrameSigner FrameSigner = new(Signer);
    private static readonly FrameVerifier FrameVerifier = new(Signer.PublicKey);

    private static readonly Gen<(TransferFrameHeader Header, byte[] Zone, int FrameLength)> Frames =
        from frameLength in Gen.Int[TransferFrameLayout.MinFrameLength, 2048]
        from zoneLength in Gen.Int[0, TransferFrameLayout.PacketZoneCapacity(frameLength)]
        from zone in Gen.Byte.Array[zoneLength]
        from scid in Gen.Byte
        from vcid in Gen.Byte[0, 63]
        from vcfc in Gen.UInt[0, 0xFFFFFF]
        from sender in Gen.ULong
        from receiver in Gen.ULong
        from sequence in Gen.ULong
        select (new TransferFrameHeader(scid, vcid, vcfc, sender, receiver, sequence, (ushort)zoneLength), zone, frameLength);

    [Fact]
    public void Crc16_by_eight_bytes_equals_the_bitwise_definition_for_every_length_and_alignment()
    {
        var random = new Random(16);
        byte[] data = new byte[600];
        random.NextBytes(data);
        for (int length = 0; length <= 100; length++)
        {
            for (int start = 0; start < 8; start++)
            {
                ReadOnlySpan<byte> slice = data.AsSpan(start, length);
                Assert.Equal(BitwiseCrc(slice), Crc16Ccitt.Compute(slice));
            }
        }

        Assert.Equal(BitwiseCrc(data), Crc16Ccitt.Compute(data));
    }

    /// <summary>The CRC straight from its definition: polynomial 0x1021, initial 0xFFFF, bit by bit, MSB first.</summary>
    private static ushort BitwiseCrc(ReadOnlySpan<byte> data)
    {
        int crc = 0xFFFF;
        foreach (byte b in data)
        {
            crc ^= b << 8;
            for (int bit = 0; bit < 8; bit++)
            {
                crc = (crc & 0x8000) != 0 ? ((crc << 1) ^ 0x1021) & 0xFFFF : (crc << 1) & 0xFFFF;
            }
        }

        return (ushort)crc;
    }

    [Fact]
    public void Crc16_matches_the_CCITT_false_check_value()
    {
        Assert.Equal(0x29B1, Crc16Ccitt.Compute("123456789"u8));
    }

    [Fact]
    public void Sealed_frames_open_with_the_same_header_and_packet_zone()
    {
        Frames.Sample(f =>
        {
            byte[] cadu = Seal(f.Header, f.Zone, f.FrameLength);
            FrameCheck check = TransferFrameCodec.Open(cadu.AsSpan(4), f.Header.SpacecraftId, FrameVerifier, out TransferFrameHeader header, out ReadOnlySpan<byte> zone);
            return check == FrameCheck.Ok && header == f.Header && zone.SequenceEqual(f.Zone);
        }, iter: 300);
    }

    [Fact]
    public void Any_single_bit_flip_is_rejected()
    {
        Gen.Select(Frames, Gen.Int[0, int.MaxValue]).Sample((f, flip) =>
        {
            byte[] cadu = Seal(f.Header, f.Zone, f.FrameLength);
            int bit = flip % (f.FrameLength * 8);
            cadu[4 + (bit >> 3)] ^= (byte)(1 << (bit & 7));
            return TransferFrameCodec.Open(cadu.AsSpan(4), f.Header.SpacecraftId, FrameVerifier, out _, out _) != FrameCheck.Ok;
        }, iter: 300);
    }

    [Fact]
    public void A_frame_with_a_valid_crc_but_a_forged_body_fails_the_signature()
    {
        byte[] cadu = Seal(new TransferFrameHeader(42, 1, 7, 1, 2, 3, 4), [1, 2, 3, 4], 512);
        Span<byte> frame = cadu.AsSpan(4);
        frame[40] ^= 0xFF;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(frame[^2..], Crc16Ccitt.Compute(frame[..^2]));
        Assert.Equal(FrameCheck.BadSignature, TransferFrameCodec.Open(frame, 42, FrameVerifier, out _, out _));
    }

    [Fact]
    public void A_frame_of_another_spacecraft_is_malformed_whether_or_not_its_signature_verifies()
    {
        // frames.md check 3 (header, SCID included) comes before check 4 (signature): a foreign
        // SCID is malformed even when the signature would also fail, and costs no verification.
        byte[] cadu = Seal(new TransferFrameHeader(0x2B, 1, 7, 1, 2, 3, 4), [1, 2, 3, 4], 512);
        using Identity stranger = Identity.FromSeed(Enumerable.Repeat((byte)0xEE, 32).ToArray());
        Assert.Equal(FrameCheck.Malformed, TransferFrameCodec.Open(cadu.AsSpan(4), 0x2A, new FrameVerifier(stranger.PublicKey), out _, out _));
        Assert.Equal(FrameCheck.Malformed, TransferFrameCodec.Open(cadu.AsSpan(4), 0x2A, FrameVerifier, out _, out _));
        Assert.Equal(FrameCheck.Ok, TransferFrameCodec.Open(cadu.AsSpan(4), 0x2B, FrameVerifier, out _, out _));
    }

    [Fact]
    public void Random_bytes_never_crash_the_decoder_and_never_open_as_a_frame()
    {
        Gen.Byte.Array[0, 3000].Sample(bytes =>
        {
            return TransferFrameCodec.Open(bytes, 0x2A, FrameVerifier, out _, out _) != FrameCheck.Ok;
        }, iter: 500);
    }

    [Fact]
    public void Deframer_finds_frames_split_at_every_byte_boundary_after_garbage()
    {
        const int frameLength = 256;
        byte[] cadu = Seal(new TransferFrameHeader(42, 1, 1, 5, 6, 7, 3), [9, 8, 7], frameLength);
        byte[] stream = [0x1A, 0xCF, 0x00, 0x55, .. cadu, .. cadu];
        var deframer = new CaduDeframer(frameLength);
        byte[] frame = new byte[frameLength];
        int found = 0;
        var pending = new List<byte>();
        foreach (byte b in stream)
        {
            pending.Add(b);
            var buffer = new ReadOnlySequence<byte>(pending.ToArray());
            while (deframer.TryRead(ref buffer, frame))
            {
                Assert.Equal(cadu.AsSpan(4).ToArray(), frame);
                deframer.Release(ref buffer, genuine: true);
                found++;
            }

            pending = [.. buffer.ToArray()];
        }

        Assert.Equal(2, found);
        Assert.Equal(4, deframer.SkippedBytes);
    }

    [Fact]
    public void Space_packets_round_trip_and_truncations_are_refused()
    {
        Gen.Select(Gen.UShort[0, SpacePacket.MaxApid], Gen.Byte.Array[0, 600], Gen.UInt, Gen.Byte).Sample((apid, data, id, type) =>
        {
            byte[] buffer = new byte[SpacePacket.HeaderLength + data.Length];
            int written = new SpacePacket(true, apid, SequenceFlags.Unsegmented, 5, id, type, data).WriteTo(buffer);
            bool ok = SpacePacket.TryRead(buffer, out SpacePacket packet, out int consumed)
                && consumed == written && packet.Apid == apid && packet.MessageId == id && packet.MessageType == type
                && packet.Data.SequenceEqual(data);
            bool truncatedRefused = !SpacePacket.TryRead(buffer.AsSpan(0, buffer.Length - 1), out _, out _);
            return ok && truncatedRefused;
        }, iter: 300);
    }

    internal static byte[] Seal(TransferFrameHeader header, byte[] zone, int frameLength)
    {
        byte[] cadu = new byte[TransferFrameLayout.CaduLength(frameLength)];
        zone.CopyTo(cadu.AsSpan(TransferFrameLayout.SyncMarkerLength + TransferFrameLayout.HeaderLength));
        TransferFrameCodec.Seal(cadu, header, FrameSigner);
        return cadu;
    }
}
