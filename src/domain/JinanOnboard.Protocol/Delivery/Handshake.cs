using JinanOnboard.Primitives.Wire;
using JinanOnboard.Protocol.Framing;

namespace JinanOnboard.Protocol.Delivery;

/// <summary>How a signed frame relates to the session (delivery.md "Session handshake").</summary>
internal enum Admission
{
    /// <summary>Signed by the peer but for another session (or a stale hello): drop, count frames_out_of_session.</summary>
    OutOfSession,

    /// <summary>Receiver session id 0: only its HELLO counts.</summary>
    PreHandshake,

    /// <summary>Addressed to this session: every packet counts.</summary>
    InSession,
}

/// <summary>
/// The session handshake of delivery.md: HELLOs until the peer proves it knows our session id,
/// then the peer's id is locked and every frame is checked against the pair of ids; and the plan
/// agreement: the peer's AGREEMENT list must equal ours before application traffic flows.
/// </summary>
internal sealed class Handshake
{
    /// <summary>2 since the plan agreement: a version-1 end would neither send nor understand AGREEMENT.</summary>
    public const byte ProtocolVersion = 2;
    public const int HelloLength = 10;

    // Guards the peer id and the confirmation together: the reader changes them, the writer reads both.
    private readonly object _lock = new();
    private readonly ulong _ownSession;
    private readonly byte _ownRole;
    private readonly IReadOnlyList<KeyValuePair<string, string>> _agreement;
    private readonly TaskCompletionSource _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _refused = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ulong _peerSession;
    private bool _confirmed;
    private volatile PlanMismatchException? _refusal;

    /// <param name="agreement">This end's plan agreement list, already validated (<see cref="LinkSessionOptions.Validate"/>).</param>
    public Handshake(ulong ownSession, bool isPayload, IReadOnlyList<KeyValuePair<string, string>> agreement)
    {
        _ownSession = ownSession;
        _ownRole = isPayload ? (byte)0 : (byte)1;
        _agreement = [.. agreement]; // a copy: what we compare is what we sent, whatever the caller does to its list
        AgreementBody = PlanAgreement.Encode(_agreement);
    }

    /// <summary>
    /// Completes when both ends know each other's session id and the peer's plan agreement equals
    /// ours: application traffic may flow. Fails with <see cref="PlanMismatchException"/> when the
    /// plans differ, or with the reason the session ended first.
    /// </summary>
    public Task Connected => _connected.Task;

    /// <summary>True once the peer's agreement list has been accepted: its application packets count from then on.</summary>
    public bool Agreed => _connected.Task.IsCompletedSuccessfully;

    /// <summary>Completes when the peer's agreement list differs from ours (<see cref="Refusal"/> says how).</summary>
    public Task Refused => _refused.Task;

    /// <summary>The mismatch found in the peer's agreement list; null while none is known.</summary>
    public PlanMismatchException? Refusal => _refusal;

    /// <summary>The body of this end's AGREEMENT message.</summary>
    public byte[] AgreementBody { get; }

    /// <summary>The peer's session id as last learned (0 before any HELLO), and whether it is locked.</summary>
    public (ulong PeerSession, bool Confirmed) State
    {
        get
        {
            lock (_lock)
            {
                return (_peerSession, _confirmed);
            }
        }
    }

    /// <summary>Writes this end's HELLO body; returns its length.</summary>
    public int WriteHello(Span<byte> body)
    {
        var writer = new WireWriter(body);
        writer.U8(ProtocolVersion);
        writer.U8(_ownRole);
        writer.U64(_ownSession);
        return writer.Written;
    }

    /// <summary>
    /// Takes the peer's HELLO from a frame of <paramref name="senderSession"/>. False when the body is
    /// malformed (length, version, role, or an id other than the frame's). <paramref name="learned"/>
    /// is true when an unconfirmed end adopted the id, so the next frame should go out soon.
    /// </summary>
    public bool TryAcceptHello(ReadOnlySpan<byte> body, ulong senderSession, out bool learned)
    {
        learned = false;
        try
        {
            ReadHello(body, _ownRole == 0 ? (byte)1 : (byte)0, senderSession);
        }
        catch (MalformedMessageException)
        {
            // A bool, not the exception, for the caller: the link layer counts a bad HELLO as packets_malformed and
            // goes on with the frame (delivery.md). Only a peer of another version or one that signs garbage sends one.
            return false;
        }

        lock (_lock)
        {
            if (!_confirmed)
            {
                // Until the peer proves it has seen our nonce, follow its newest hello.
                _peerSession = senderSession;
                learned = true;
            }
        }

        return true;
    }

    /// <summary>
    /// Decides whether a signed frame belongs to this session. <paramref name="sequenced"/> is true
    /// when its frame sequence number is the followed peer's and must pass the replay window.
    /// </summary>
    public Admission Admit(in TransferFrameHeader header, out bool sequenced)
    {
        sequenced = false;
        bool preHandshake = header.ReceiverSessionId == 0;
        (ulong peer, bool confirmed) = State;
        if (!preHandshake && header.ReceiverSessionId != _ownSession)
        {
            // Signed by the peer, but for another session of ours: a replay from an earlier pass.
            return Admission.OutOfSession;
        }

        if (confirmed && (header.SenderSessionId != peer || preHandshake))
        {
            // Another session of the peer's, or hellos of a session that is already established.
            return Admission.OutOfSession;
        }

        sequenced = !preHandshake || peer == header.SenderSessionId;
        return preHandshake ? Admission.PreHandshake : Admission.InSession;
    }

    /// <summary>
    /// An admitted in-session frame passed the replay window: it proves the peer knows our id, so
    /// the first one locks the peer's id (its AGREEMENT, in such frames only, comes next).
    /// </summary>
    public void Confirm(ulong senderSession)
    {
        lock (_lock)
        {
            if (!_confirmed)
            {
                _peerSession = senderSession;
                _confirmed = true;
            }
        }
    }

    /// <summary>
    /// Compares the peer's AGREEMENT with ours: equal completes <see cref="Connected"/>, different
    /// fails it and completes <see cref="Refused"/>. Only the first list counts. False, with the
    /// <paramref name="problem"/>, when the body does not parse.
    /// </summary>
    public bool TryReceiveAgreement(ReadOnlySpan<byte> body, out string problem)
    {
        if (!PlanAgreement.TryDecode(body, out List<KeyValuePair<string, string>> peer, out problem))
        {
            return false;
        }

        if (_connected.Task.IsCompleted)
        {
            return true;
        }

        List<PlanDifference> differences = PlanAgreement.Compare(_agreement, peer);
        if (differences.Count == 0)
        {
            _connected.TrySetResult();
            return true;
        }

        var refusal = new PlanMismatchException(differences);
        _refusal = refusal;
        _connected.TrySetException(refusal);
        _refused.TrySetResult();
        return true;
    }

    /// <summary>The session ended: a caller still waiting for <see cref="Connected"/> gets <paramref name="reason"/>.</summary>
    public void Abandon(Exception reason) => _connected.TrySetException(reason);

    /// <summary>Reads a HELLO body (delivery.md "Session handshake") that must come from <paramref name="peerRole"/> in a frame of <paramref name="senderSession"/>.</summary>
    /// <exception cref="MalformedMessageException">Another length, version or role, or an id other than the frame's.</exception>
    private static void ReadHello(ReadOnlySpan<byte> body, byte peerRole, ulong senderSession)
    {
        var reader = new WireReader(body, "hello");
        byte version = reader.U8("protocol version");
        if (version != ProtocolVersion)
        {
            throw reader.Fail("protocol version", $"{version}, this end speaks {ProtocolVersion}");
        }

        byte role = reader.U8("role");
        if (role != peerRole)
        {
            throw reader.Fail("role", $"{role}, the peer's is {peerRole}");
        }

        ulong session = reader.U64("session id");
        if (session != senderSession)
        {
            throw reader.Fail("session id", $"{session:X16} is not the frame's sender session id {senderSession:X16}");
        }

        reader.End();
    }
}
