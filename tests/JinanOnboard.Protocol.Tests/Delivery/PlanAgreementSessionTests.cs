using JinanOnboard.Protocol.Delivery;
using JinanOnboard.Protocol.Framing;
using JinanOnboard.Protocol.Tests.Support;
using JinanOnboard.Transport;

namespace JinanOnboard.Protocol.Tests.Delivery;

/// <summary>Two real sessions with agreement lists: equal plans connect, differing ones are refused by both ends.</summary>
public sealed class PlanAgreementSessionTests
{
    private const int FrameLength = 1024;

    private static readonly KeyValuePair<string, string>[] Plan =
    [
        new("pass.seed", "7"),
        new("source.mu_signal", "0.5"),
        new("pa.block_bits", "1000000"),
    ];

    [Fact]
    public async Task Equal_plans_connect_and_messages_flow()
    {
        PipePair pipes = PipePair.Direct();
        KeyValuePair<string, string>[] reordered = [Plan[2], Plan[0], Plan[1]];
        await using var link = new LinkFixture(pipes.A, pipes.B, FrameLength, adjust: o => o with { Agreement = Plan }, adjustGround: o => o with { Agreement = reordered });
        await Task.WhenAll(link.Payload.Connected, link.Ground.Connected).WaitAsync(LinkFixture.Timeout);
        Assert.True(await link.Payload.SendReliableAsync(0x100, 1, new byte[] { 42 }).WaitAsync(LinkFixture.Timeout));
        InboundMessage message = await link.Ground.Inbound.ReadAsync().AsTask().WaitAsync(LinkFixture.Timeout);
        Assert.Equal([42], message.Data);
    }

    [Fact]
    public async Task Differing_values_are_refused_by_both_sessions_naming_every_key_before_any_message_is_delivered()
    {
        PipePair pipes = PipePair.Direct();
        KeyValuePair<string, string>[] other = [new("pass.seed", "8"), new("source.mu_signal", "0.6"), Plan[2]];
        await using var link = new LinkFixture(pipes.A, pipes.B, FrameLength, adjust: o => o with { Agreement = Plan }, adjustGround: o => o with { Agreement = other });
        Task<bool> early = link.Payload.SendReliableAsync(0x100, 1, new byte[] { 42 });

        (PlanMismatchException payload, PlanMismatchException ground) = await BothRefuse(link);
        Assert.Equal("run plan differs from the peer's: pass.seed: 7 here, 8 at the peer; source.mu_signal: 0.5 here, 0.6 at the peer", payload.Message);
        Assert.Equal("run plan differs from the peer's: pass.seed: 8 here, 7 at the peer; source.mu_signal: 0.6 here, 0.5 at the peer", ground.Message);
        await Assert.ThrowsAsync<PlanMismatchException>(() => early.WaitAsync(LinkFixture.Timeout));
        await AssertNothingDelivered(link);
    }

    [Fact]
    public async Task A_key_present_on_one_side_only_is_refused_by_both_sessions()
    {
        PipePair pipes = PipePair.Direct();
        await using var link = new LinkFixture(
            pipes.A,
            pipes.B,
            FrameLength,
            adjust: o => o with { Agreement = [.. Plan, new("payload.only", "1")] },
            adjustGround: o => o with { Agreement = [new("ground.only", "2"), .. Plan] });

        (PlanMismatchException payload, PlanMismatchException ground) = await BothRefuse(link);
        Assert.Equal("run plan differs from the peer's: payload.only: 1 here, not set at the peer; ground.only: not set here, 2 at the peer", payload.Message);
        Assert.Equal("run plan differs from the peer's: ground.only: 2 here, not set at the peer; payload.only: not set here, 1 at the peer", ground.Message);
        Assert.Equal([new PlanDifference("payload.only", "1", null), new PlanDifference("ground.only", null, "2")], payload.Differences);
        await AssertNothingDelivered(link);
    }

    [Fact]
    public async Task Both_sessions_refuse_even_when_frames_are_lost_and_the_lists_span_several_frames()
    {
        // Lists of ~3 kB need several 1 kB frames; every 3rd CADU is lost each way. Each end stays until
        // the peer has acknowledged its list, so neither sees the other vanish before it has judged.
        int caduLength = TransferFrameLayout.CaduLength(FrameLength);
        PipePair pipes = PipePair.Relayed(caduLength, (_, index, cadu) => index % 3 == 2 ? [] : cadu);
        KeyValuePair<string, string>[] big = Enumerable.Range(0, 30).Select(i => new KeyValuePair<string, string>($"plan.key{i:D2}", new string('x', 80))).ToArray();
        KeyValuePair<string, string>[] changed = [.. big[..29], new("plan.key29", "y")];
        await using var link = new LinkFixture(pipes.A, pipes.B, FrameLength, adjust: o => o with { Agreement = big }, adjustGround: o => o with { Agreement = changed });

        (PlanMismatchException payload, PlanMismatchException ground) = await BothRefuse(link);
        Assert.Equal([new PlanDifference("plan.key29", new string('x', 80), "y")], payload.Differences);
        Assert.Equal([new PlanDifference("plan.key29", "y", new string('x', 80))], ground.Differences);
    }

    [Fact]
    public async Task Over_the_memory_transport_equal_plans_agree_and_differing_plans_are_refused_by_both()
    {
        await using (var equal = await MemoryLink.StartAsync(Plan, Plan))
        {
            await Task.WhenAll(equal.Payload.Connected, equal.Ground.Connected).WaitAsync(LinkFixture.Timeout);
            Assert.True(await equal.Ground.SendReliableAsync(0x100, 2, new byte[] { 7 }).WaitAsync(LinkFixture.Timeout));
            Assert.Equal([7], (await equal.Payload.Inbound.ReadAsync().AsTask().WaitAsync(LinkFixture.Timeout)).Data);
        }

        await using var differing = await MemoryLink.StartAsync(Plan, [.. Plan[..2], new("pa.block_bits", "500000")]);
        PlanMismatchException payload = await Assert.ThrowsAsync<PlanMismatchException>(() => differing.PayloadRun.WaitAsync(LinkFixture.Timeout));
        PlanMismatchException ground = await Assert.ThrowsAsync<PlanMismatchException>(() => differing.GroundRun.WaitAsync(LinkFixture.Timeout));
        Assert.Equal("run plan differs from the peer's: pa.block_bits: 1000000 here, 500000 at the peer", payload.Message);
        Assert.Equal("run plan differs from the peer's: pa.block_bits: 500000 here, 1000000 at the peer", ground.Message);
    }

    private static async Task<(PlanMismatchException Payload, PlanMismatchException Ground)> BothRefuse(LinkFixture link)
    {
        PlanMismatchException payload = await Assert.ThrowsAsync<PlanMismatchException>(() => link.PayloadRun.WaitAsync(LinkFixture.Timeout));
        PlanMismatchException ground = await Assert.ThrowsAsync<PlanMismatchException>(() => link.GroundRun.WaitAsync(LinkFixture.Timeout));
        Assert.Same(payload, await Assert.ThrowsAsync<PlanMismatchException>(() => link.Payload.Connected));
        Assert.Same(ground, await Assert.ThrowsAsync<PlanMismatchException>(() => link.Ground.Connected));
        return (payload, ground);
    }

    private static async Task AssertNothingDelivered(LinkFixture link)
    {
        foreach (LinkSession session in new[] { link.Payload, link.Ground })
        {
            Assert.False(session.Inbound.TryRead(out _));
            await Assert.ThrowsAsync<PlanMismatchException>(() => session.Inbound.Completion);
            Assert.Equal(0, session.Statistics.Snapshot().MessagesReceived);
        }
    }

    /// <summary>A payload session as client and a ground session as server of one memory:// endpoint.</summary>
    private sealed class MemoryLink : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly List<IAsyncDisposable> _resources = [];

        public LinkSession Payload { get; private set; } = null!;

        public LinkSession Ground { get; private set; } = null!;

        public Task PayloadRun { get; private set; } = Task.CompletedTask;

        public Task GroundRun { get; private set; } = Task.CompletedTask;

        public static async Task<MemoryLink> StartAsync(KeyValuePair<string, string>[] payloadPlan, KeyValuePair<string, string>[] groundPlan)
        {
            var link = new MemoryLink();
            var endpoint = new Uri($"memory://plan-{Guid.NewGuid():N}");
            IConnectionListener listener = await Transports.ServerFor(endpoint).BindAsync(endpoint, CancellationToken.None);
            link._resources.Add(listener);
            ValueTask<TransportConnection> accepting = listener.AcceptAsync(CancellationToken.None);
            TransportConnection client = await Transports.ClientFor(endpoint).ConnectAsync(endpoint, CancellationToken.None);
            TransportConnection server = await accepting;
            link._resources.Add(client);
            link._resources.Add(server);
            var options = new LinkSessionOptions { FrameLength = FrameLength, LossOfLinkTimeout = TimeSpan.FromSeconds(3) };
            link.Payload = new LinkSession(client, options with { IsPayload = true, SessionId = 0x1111, Agreement = payloadPlan }, Keys.Payload, Keys.Ground.PublicKey);
            link.Ground = new LinkSession(server, options with { IsPayload = false, SessionId = 0x2222, Agreement = groundPlan }, Keys.Ground, Keys.Payload.PublicKey);
            link.PayloadRun = link.Payload.RunAsync(link._stop.Token);
            link.GroundRun = link.Ground.RunAsync(link._stop.Token);
            return link;
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await Task.WhenAll(PayloadRun, GroundRun).ContinueWith(_ => { }, TaskScheduler.Default).WaitAsync(LinkFixture.Timeout);
            await Payload.DisposeAsync();
            await Ground.DisposeAsync();
            foreach (IAsyncDisposable resource in _resources)
            {
                await resource.DisposeAsync();
            }

            _stop.Dispose();
        }
    }
}
