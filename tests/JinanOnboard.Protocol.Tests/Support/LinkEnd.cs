using JinanOnboard.Protocol.Delivery;
using JinanOnboard.Protocol.Framing;
using JinanOnboard.Protocol.Messages;
using JinanOnboard.Protocol.Signing;
using Microsoft.Extensions.Time.Testing;

namespace JinanOnboard.Protocol.Tests.Support;

/// <summary>
/// The parts of one end of the link wired as LinkSession wires them, without the I/O loops and on
/// a fake clock: a test composes frames with <see cref="NextCadu"/> and feeds them to the other
/// end's <see cref="Receive"/>, step by step.
/// </summary>
internal sealed class LinkEnd : IAsyncDisposable
{
    public const int FrameLength = 512;

    private readonly CancellationTokenSource _stop = new();

    public LinkEnd(bool isPayload, FakeTimeProvider time, Func<LinkSessionOptions, LinkSessionOptions>? adjust = null)
    {
        Time = time;
        Identity = Keys.Of(isPayload);
        var options = new LinkSessionOptions { FrameLength = FrameLength, IsPayload = isPayload, SessionId = isPayload ? 0x1111UL : 0x2222UL };
        Options = adjust?.Invoke(options) ?? options;
        Doorbell = new Doorbell(time);
        Liveness = new Liveness(time, Options, Statistics, () => TimeSpan.Zero);
        Outbox = new Outbox(Options.WindowPackets, Doorbell);
        Handshake = new Handshake(Options.SessionId, isPayload, Options.Agreement);
        Sender = new ReliableSender(Options, time, Outbox, Doorbell, Statistics, Liveness.Progressed, _stop.Token);
        Acknowledger = new Acknowledger(Options.AckDelay, time, Doorbell);
        Receiver = new FrameReceiver(Options, new FrameVerifier(Keys.Of(!isPayload).PublicKey), Handshake, Acknowledger, Sender, Liveness, Doorbell, Statistics);
        Composer = new FrameComposer(Options, new FrameSigner(Identity), Handshake, Acknowledger, Sender, Outbox, Statistics);
    }

    public FakeTimeProvider Time { get; }

    public Identity Identity { get; }

    public LinkSessionOptions Options { get; }

    public LinkStatistics Statistics { get; } = new();

    public Doorbell Doorbell { get; }

    public Liveness Liveness { get; }

    public Outbox Outbox { get; }

    public Handshake Handshake { get; }

    public ReliableSender Sender { get; }

    public Acknowledger Acknowledger { get; }

    public FrameReceiver Receiver { get; }

    public FrameComposer Composer { get; }

    public CancellationToken Stopped => _stop.Token;

    public byte[] NextCadu()
    {
        byte[] cadu = new byte[Composer.CaduLength];
        Composer.Compose(cadu);
        return cadu;
    }

    /// <summary>Feeds a CADU (with its sync marker) to this end's receiver; returns the messages it completed.</summary>
    public List<InboundMessage> Receive(byte[] cadu)
    {
        var delivered = new List<InboundMessage>();
        Receiver.Receive(cadu.AsSpan(TransferFrameLayout.SyncMarkerLength), delivered);
        return delivered;
    }

    /// <summary>Feeds a CADU to this end's receiver; returns whether it counted as genuine (passed checks 1-4), which decides where the ASM hunt resumes.</summary>
    public bool IsGenuine(byte[] cadu) => Receiver.Receive(cadu.AsSpan(TransferFrameLayout.SyncMarkerLength), []);

    /// <summary>Sends this end's AGREEMENT as the session does first thing; completes when the peer acknowledges it.</summary>
    public Task<bool> SendAgreement()
        => Sender.DeliverMessageAsync(Apids.LinkControl, LinkControlTypes.Agreement, Handshake.AgreementBody, CancellationToken.None);

    /// <summary>Frames both ways until both handshakes are confirmed, the plans agreed and both agreements acknowledged.</summary>
    public static async Task ConnectAsync(LinkEnd a, LinkEnd b)
    {
        Task<bool> agreements = Task.WhenAll(a.SendAgreement(), b.SendAgreement()).ContinueWith(t => t.Result.All(r => r), TaskScheduler.Default);
        await Poll.Until(
            () =>
            {
                b.Receive(a.NextCadu());
                a.Receive(b.NextCadu());
                return agreements.IsCompleted;
            },
            "both ends agree");
        Assert.True(await agreements);
        await Task.WhenAll(a.Handshake.Connected, b.Handshake.Connected);
        Assert.True(a.Handshake.State.Confirmed && b.Handshake.State.Confirmed);
    }

    public void Stop() => _stop.Cancel();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Acknowledger.DisposeAsync();
        Sender.Dispose();
        _stop.Dispose();
    }
}

/// <summary>The two fixed test identities: payload and ground.</summary>
internal static class Keys
{
    public static readonly Identity Payload = Identity.FromSeed(Enumerable.Repeat((byte)1, 32).ToArray());
    public static readonly Identity Ground = Identity.FromSeed(Enumerable.Repeat((byte)2, 32).ToArray());

    public static Identity Of(bool isPayload) => isPayload ? Payload : Ground;
}

/// <summary>Waiting in tests for what other tasks do.</summary>
internal static class Poll
{
    public static async Task Until(Func<bool> condition, string what)
    {
        using var timeout = new CancellationTokenSource(LinkFixture.Timeout);
        while (!condition())
        {
            try
            {
                await Task.Delay(2, timeout.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"Timed out waiting until {what}.");
            }
        }
    }
}
