using JinanOnboard.Protocol.Delivery;
using JinanOnboard.Protocol.Framing;

namespace JinanOnboard.Protocol.Tests.Delivery;

public sealed class HandshakeTests
{
    private const ulong Own = 0x1111;
    private const ulong Peer = 0x2222;

    [Fact]
    public void The_hello_body_is_version_role_and_session_id_big_endian()
    {
        byte[] body = new byte[Handshake.HelloLength];
        Assert.Equal(10, new Handshake(0x0102030405060708, isPayload: true, []).WriteHello(body));
        Assert.Equal("02000102030405060708", Convert.ToHexString(body));
        new Handshake(0x0102030405060708, isPayload: false, []).WriteHello(body);
        Assert.Equal(1, body[1]);
    }

    [Fact]
    public void A_valid_hello_teaches_the_peers_id_and_a_malformed_one_is_refused()
    {
        var handshake = new Handshake(Own, isPayload: true, []);
        byte[] hello = HelloFrom(Peer, isPayload: false);
        Assert.False(handshake.TryAcceptHello(hello.AsSpan(0, 9), Peer, out _), "short");
        Assert.False(handshake.TryAcceptHello(HelloFrom(Peer, isPayload: true), Peer, out _), "same role as ours");
        Assert.False(handshake.TryAcceptHello(hello, 0x3333, out _), "id differs from the frame's sender");
        byte[] otherVersion = (byte[])hello.Clone();
        otherVersion[0] = 9;
        Assert.False(handshake.TryAcceptHello(otherVersion, Peer, out _), "version");
        Assert.Equal((0UL, false), handshake.State);

        Assert.True(handshake.TryAcceptHello(hello, Peer, out bool learned));
        Assert.True(learned);
        Assert.Equal((Peer, false), handshake.State);
    }

    [Fact]
    public void A_hello_with_a_trailing_byte_is_refused()
    {
        var handshake = new Handshake(Own, isPayload: true, []);
        Assert.False(handshake.TryAcceptHello([.. HelloFrom(Peer, isPayload: false), 0], Peer, out _));
        Assert.Equal((0UL, false), handshake.State);
    }

    [Fact]
    public void Before_confirmation_frames_are_pre_handshake_or_in_session_and_only_the_followed_peers_are_sequenced()
    {
        var handshake = new Handshake(Own, isPayload: true, []);
        Assert.Equal(Admission.PreHandshake, handshake.Admit(Header(Peer, 0), out bool sequenced));
        Assert.False(sequenced);
        Assert.Equal(Admission.OutOfSession, handshake.Admit(Header(Peer, 0x9999), out _));

        handshake.TryAcceptHello(HelloFrom(Peer, isPayload: false), Peer, out _);
        Assert.Equal(Admission.PreHandshake, handshake.Admit(Header(Peer, 0), out sequenced));
        Assert.True(sequenced);
        Assert.Equal(Admission.InSession, handshake.Admit(Header(0x4444, Own), out sequenced));
        Assert.True(sequenced);
        Assert.False(handshake.Connected.IsCompleted);
    }

    [Fact]
    public async Task Confirmation_locks_the_peer_and_then_only_its_in_session_frames_are_admitted()
    {
        var handshake = new Handshake(Own, isPayload: true, []);
        handshake.Confirm(Peer);
        Assert.Equal((Peer, true), handshake.State);

        Assert.Equal(Admission.InSession, handshake.Admit(Header(Peer, Own), out bool sequenced));
        Assert.True(sequenced);
        Assert.Equal(Admission.OutOfSession, handshake.Admit(Header(Peer, 0), out _));
        Assert.Equal(Admission.OutOfSession, handshake.Admit(Header(0x3333, Own), out _));

        Assert.True(handshake.TryAcceptHello(HelloFrom(0x3333, isPayload: false), 0x3333, out bool learned));
        Assert.False(learned);
        handshake.Confirm(0x3333);
        Assert.Equal((Peer, true), handshake.State);
    }

    [Fact]
    public async Task Equal_agreement_lists_in_any_order_complete_the_handshake()
    {
        var handshake = new Handshake(Own, isPayload: true, [new("pass.seed", "7"), new("source.mu_signal", "0.5")]);
        handshake.Confirm(Peer);
        Assert.False(handshake.Connected.IsCompleted);
        Assert.True(handshake.TryReceiveAgreement(PlanAgreement.Encode([new("source.mu_signal", "0.5"), new("pass.seed", "7")]), out _));
        await handshake.Connected.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(handshake.Agreed);
        Assert.Null(handshake.Refusal);
        Assert.False(handshake.Refused.IsCompleted);
    }

    [Fact]
    public async Task A_differing_agreement_list_fails_the_handshake_naming_every_differing_key_and_later_lists_change_nothing()
    {
        var handshake = new Handshake(Own, isPayload: false, [new("pass.seed", "7"), new("pa.block_bits", "1000000"), new("link.only_here", "x")]);
        handshake.Confirm(Peer);
        Assert.True(handshake.TryReceiveAgreement(PlanAgreement.Encode([new("pa.block_bits", "1000000"), new("pass.seed", "8"), new("source.only_there", "y")]), out _));

        PlanMismatchException e = await Assert.ThrowsAsync<PlanMismatchException>(() => handshake.Connected);
        Assert.Same(e, handshake.Refusal);
        Assert.True(handshake.Refused.IsCompletedSuccessfully);
        Assert.False(handshake.Agreed);
        Assert.Equal(
            "run plan differs from the peer's: pass.seed: 7 here, 8 at the peer; link.only_here: x here, not set at the peer; source.only_there: not set here, y at the peer",
            e.Message);

        Assert.True(handshake.TryReceiveAgreement(PlanAgreement.Encode([new("pass.seed", "7"), new("pa.block_bits", "1000000"), new("link.only_here", "x")]), out _));
        Assert.False(handshake.Agreed);
    }

    [Fact]
    public void A_malformed_agreement_body_is_refused_with_the_problem()
    {
        var handshake = new Handshake(Own, isPayload: true, []);
        Assert.False(handshake.TryReceiveAgreement([0x00, 0x01, 0x00], out string problem));
        Assert.Contains("entry 0", problem, StringComparison.Ordinal);
        Assert.False(handshake.Connected.IsCompleted);
    }

    [Fact]
    public async Task Abandoning_an_unconfirmed_handshake_fails_whoever_waits_for_it()
    {
        var handshake = new Handshake(Own, isPayload: false, []);
        handshake.Abandon(new LinkLostException("gone"));
        LinkLostException e = await Assert.ThrowsAsync<LinkLostException>(() => handshake.Connected);
        Assert.Equal("gone", e.Message);
    }

    private static TransferFrameHeader Header(ulong sender, ulong receiver) => new(0x2A, 1, 1, sender, receiver, 1, 0);

    private static byte[] HelloFrom(ulong session, bool isPayload)
    {
        byte[] body = new byte[Handshake.HelloLength];
        new Handshake(session, isPayload, []).WriteHello(body);
        return body;
    }
}
