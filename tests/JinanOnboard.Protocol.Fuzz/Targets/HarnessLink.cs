using JinanOnboard.Protocol.Delivery;
using JinanOnboard.Protocol.Framing;
using JinanOnboard.Protocol.Signing;
using Microsoft.Extensions.Time.Testing;

namespace JinanOnboard.Protocol.Fuzz.Targets;

/// <summary>
/// The link as the fuzz targets see it: the payload end receiving, the ground end sending, both with fixed
/// session ids and the harness's own key. Frames are sealed with <see cref="TransferFrameCodec.Seal"/> and checked
/// by the real <see cref="FrameReceiver"/>, wired as LinkSession wires it (without the I/O loops).
/// </summary>
internal static class HarnessLink
{
    public const byte SpacecraftId = 0x2A;

    /// <summary>The receiving (payload) end's session id: frames addressed to it are in session.</summary>
    public const ulong OwnSession = 0x1111_2222_3333_4444;

    /// <summary>The sending (ground) end's session id, carried in every harness frame and HELLO.</summary>
    public const ulong PeerSession = 0x5555_6666_7777_8888;

    /// <summary>The ground's key (a fixed seed, so seeds stay valid across runs); the payload verifies with its public half.</summary>
    public static Identity Peer { get; } = Identity.FromSeed("JinanOnboard fuzz harness key 01"u8);

    public static FrameSigner Signer { get; } = new(Peer);

    public static FrameVerifier Verifier { get; } = new(Peer.PublicKey);

    /// <summary>A fresh payload-side receiver for one execution, so no state carries from one input to the next.</summary>
    public static Receiver NewReceiver(int frameLength, bool agreed) => new(frameLength, agreed);

    /// <summary>A header from the ground to the payload's session, as FrameComposer writes it.</summary>
    public static TransferFrameHeader Header(ulong frameSequence, int packetZoneLength, ulong receiverSession = OwnSession)
        => new(SpacecraftId, TransferFrameLayout.DataVirtualChannel, (uint)frameSequence & 0xFFFFFF, PeerSession, receiverSession, frameSequence, (ushort)packetZoneLength);

    /// <summary>A sealed CADU (sync marker included) carrying <paramref name="zone"/>, signed with the harness key.</summary>
    public static byte[] Seal(int frameLength, in TransferFrameHeader header, ReadOnlySpan<byte> zone)
    {
        byte[] cadu = new byte[TransferFrameLayout.CaduLength(frameLength)];
        zone.CopyTo(cadu.AsSpan(TransferFrameLayout.SyncMarkerLength + TransferFrameLayout.HeaderLength));
        TransferFrameCodec.Seal(cadu, header, Signer);
        return cadu;
    }

    /// <summary>Ground-to-payload packets (telecommands), as the ground's FrameComposer writes them.</summary>
    public static int WritePacket(Span<byte> zone, ushort apid, byte type, ReadOnlySpan<byte> data, uint messageId = 0, SequenceFlags flags = SequenceFlags.Unsegmented, ushort sequenceCount = 0)
        => new SpacePacket(isTelecommand: true, apid, flags, sequenceCount, messageId, type, data).WriteTo(zone);

    /// <summary>The ground's HELLO body for <see cref="PeerSession"/>, written by the real handshake.</summary>
    public static byte[] GroundHello()
    {
        var ground = new Handshake(PeerSession, isPayload: false, []);
        byte[] body = new byte[Handshake.HelloLength];
        return body[..ground.WriteHello(body)];
    }

    /// <summary>One payload end's receive path: options, handshake, acknowledger, sender, statistics.</summary>
    internal sealed class Receiver : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly ReliableSender _sender;
        private readonly Acknowledger _acknowledger;

        public Receiver(int frameLength, bool agreed)
        {
            var options = new LinkSessionOptions { FrameLength = frameLength, IsPayload = true, SessionId = OwnSession, SpacecraftId = SpacecraftId };
            // A clock that never moves: the acknowledger's delay timer never fires, so an execution leaves no
            // thread-pool work behind and the same input always takes the same path.
            var time = new FakeTimeProvider();
            var doorbell = new Doorbell(time);
            Handshake = new Handshake(options.SessionId, options.IsPayload, options.Agreement);
            var liveness = new Liveness(time, options, Statistics, () => TimeSpan.Zero);
            _sender = new ReliableSender(options, time, new Outbox(options.WindowPackets, doorbell), doorbell, Statistics, liveness.Progressed, _stop.Token);
            FrameReceiver = new FrameReceiver(options, Verifier, Handshake, _acknowledger = new Acknowledger(options.AckDelay, time, doorbell), _sender, liveness, doorbell, Statistics);
            if (agreed)
            {
                // Past the handshake as the link gets there: the peer's id locked by an in-session frame, then its
                // (empty, equal) plan agreement accepted, so application packets count.
                Handshake.Confirm(PeerSession);
                if (!Handshake.TryReceiveAgreement(Handshake.AgreementBody, out string problem) || !Handshake.Agreed)
                {
                    throw new InvalidOperationException($"The harness's own agreement does not agree: {problem}");
                }
            }
        }

        public Handshake Handshake { get; }

        public FrameReceiver FrameReceiver { get; }

        public LinkStatistics Statistics { get; } = new();

        public void Dispose()
        {
            _stop.Cancel();
            _sender.Dispose();
            _acknowledger.DisposeAsync().AsTask().GetAwaiter().GetResult();
            _stop.Dispose();
        }
    }
}
