using System.IO.Pipelines;
using JinanOnboard.Protocol.Delivery;
using JinanOnboard.Protocol.Signing;

namespace JinanOnboard.Protocol.Tests.Support;

/// <summary>A payload and a ground LinkSession over the given pipes, running until disposed.</summary>
internal sealed class LinkFixture : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private readonly CancellationTokenSource _stop = new();

    /// <param name="adjust">Changes the settings of both ends.</param>
    /// <param name="adjustGround">Changes the ground's settings after <paramref name="adjust"/> (to make the ends differ).</param>
    public LinkFixture(IDuplexPipe payloadPipe, IDuplexPipe groundPipe, int frameLength = 1024, Identity? impostor = null, Func<LinkSessionOptions, LinkSessionOptions>? adjust = null, Func<LinkSessionOptions, LinkSessionOptions>? adjustGround = null)
    {
        PayloadIdentity = Identity.FromSeed(Enumerable.Repeat((byte)1, 32).ToArray());
        GroundIdentity = Identity.FromSeed(Enumerable.Repeat((byte)2, 32).ToArray());
        var common = new LinkSessionOptions
        {
            FrameLength = frameLength,
            AckTimeout = TimeSpan.FromMilliseconds(50),
            RetransmitBackoff = TimeSpan.FromMilliseconds(2),
            MaxRetransmitBackoff = TimeSpan.FromMilliseconds(50),
            LossOfLinkTimeout = TimeSpan.FromSeconds(3),
        };
        common = adjust?.Invoke(common) ?? common;
        Payload = new LinkSession(payloadPipe, common with { IsPayload = true, SessionId = 0x1111 }, impostor ?? PayloadIdentity, GroundIdentity.PublicKey);
        LinkSessionOptions ground = common with { IsPayload = false, SessionId = 0x2222 };
        Ground = new LinkSession(groundPipe, adjustGround?.Invoke(ground) ?? ground, GroundIdentity, PayloadIdentity.PublicKey);
        PayloadRun = Payload.RunAsync(_stop.Token);
        GroundRun = Ground.RunAsync(_stop.Token);
    }

    public Identity PayloadIdentity { get; }

    public Identity GroundIdentity { get; }

    public LinkSession Payload { get; }

    public LinkSession Ground { get; }

    public Task PayloadRun { get; }

    public Task GroundRun { get; }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(PayloadRun, GroundRun).ContinueWith(_ => { }, TaskScheduler.Default).WaitAsync(Timeout);
        await Payload.DisposeAsync();
        await Ground.DisposeAsync();
        _stop.Dispose();
        PayloadIdentity.Dispose();
        GroundIdentity.Dispose();
    }
}
