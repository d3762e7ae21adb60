using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using JinanOnboard.Config.Model;
using JinanOnboard.Runtime.Link;
using JinanOnboard.Runtime.Plan;
using JinanOnboard.Protocol.Coding;
using JinanOnboard.Protocol.Delivery;
using JinanOnboard.Protocol.Signing;
using JinanOnboard.Transport;
using JinanOnboard.Transport.LinkEmulation;
using Microsoft.Extensions.Logging;
using NSec.Cryptography;

namespace JinanOnboard.Runtime.Hosting;

/// <summary>
/// Runs one side's session from start to result: keys, transport (listen or connect), link
/// session, topology, orderly close. Every user-caused problem becomes a result with a one-line
/// error and exit code 2 (configuration) or 1 (runtime), never an unhandled exception.
/// </summary>
public static class FirmwareSessionRunner
{
    /// <summary>How long a side's goodbye (its CLOSE, and the ground's wait for the payload's) may take at the end of a session.</summary>
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// After the peer's goodbye, how long the mission may go on finishing with what it already has before this side ends
    /// link_lost (a peer stopped mid-pass by SIGTERM says goodbye too, so its peer ends only after this). A completing
    /// mission needs no more than a moment here: the payload says goodbye only once it has the ground's summary, and the
    /// ground's mission ends on that goodbye; one that is still waiting for the pass after it will wait in vain, so the
    /// allowance is the close timeout, not the 30 s it was. Public so that a supervisor (jinan bench) waits at least
    /// this long for the peer before stopping it.
    /// </summary>
    public static readonly TimeSpan PeerGoodbyeAllowance = CloseTimeout;

    public static async Task<FirmwareResult> RunAsync(
        FirmwareRole role,
        FirmwareRunOptions options,
        IFirmwareTopology topology,
        ILogger logger,
        TimeProvider? timeProvider = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(topology);
        TimeProvider time = timeProvider ?? TimeProvider.System;
        long started = time.GetTimestamp();
        string roleName = role == FirmwareRole.Payload ? "payload" : "ground";
        LinkSession? session = null;
        EmulatedConnection? emulation = null;
        double passSeconds = 0;
        long linkStarted = 0;
        FirmwareResult Result(string status, string? error = null) => new()
        {
            Role = roleName,
            ProcessId = Environment.ProcessId,
            Status = status,
            Error = status == "link_lost" && error is not null
                ? LinkLossExplanation.Explain(error, session?.Statistics.Snapshot(), options.Plan.KeyDirectory, role)
                : error,
            PassSeconds = passSeconds,
            WallSeconds = time.GetElapsedTime(started).TotalSeconds,
            Link = session?.Statistics.Snapshot(),
            LinkOutages = session is null ? [] : LinkDownPeriod.FromChanges(session.LinkStateChanges),
            FrameErrorRate = session is null ? null : Math.Round(session.FrameErrorRate, 6),
            Emulation = emulation is null ? null : LinkEmulationFactory.Statistics(emulation, options.Plan.Configuration, role, time.GetElapsedTime(linkStarted)),
            Details = topology.Details(),
        };

        Identity? identity = null;
        TransportConnection? connection = null;
        IConnectionListener? listener = null;
        try
        {
            RunPlan plan = options.Plan;
            FirmwareConfiguration configuration = plan.Configuration;
            logger.LogInformation("{Plan}", plan.Describe());
            (identity, PublicKey peerKey) = KeyDirectory.Load(plan.KeyDirectory, role);
            Uri endpoint = Transports.ParseEndpoint(plan.Endpoint);

            if (role == FirmwareRole.Ground)
            {
                listener = await Transports.ServerFor(endpoint).BindAsync(endpoint, cancellationToken);
                logger.LogInformation("Ground listening on {Endpoint}", listener.EndPoint);
                options.OnListening?.Invoke(listener.EndPoint);
                using var acceptTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                acceptTimeout.CancelAfter(options.AcceptTimeout);
                try
                {
                    connection = await listener.AcceptAsync(acceptTimeout.Token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    return Result("link_lost", $"no payload connected to {listener.EndPoint} within {options.AcceptTimeout.TotalSeconds:F0} s");
                }
            }
            else
            {
                connection = await Transports.ClientFor(endpoint).ConnectAsync(endpoint, cancellationToken);
            }

            logger.LogInformation("{Role} connected: {Local} <-> {Remote}", roleName, connection.LocalEndpoint, connection.RemoteEndpoint);
            // The emulation reads outages and the slant-range delay on this process's pass clock (LinkTimeClock: never slower
            // than real time, so a fast-mode pass stalled by an outage still comes out of it);
            // the window covers the pass's worst round trip so the line stays busy.
            var passTime = new PassTimeSource();
            var slantRange = new SlantRangeDelay(plan.Timeline);
            linkStarted = time.GetTimestamp();
            EmulatedConnection emulated = LinkEmulationFactory.Wrap(connection, configuration, role, plan.Seed, new LinkTimeClock(() => passTime.Now, time).Now, slantRange, time);
            emulation = emulated;
            LinkSessionOptions linkOptions = BuildLinkOptions(configuration, role, LinkEmulationFactory.MaxOneWayDelay(configuration, role, slantRange)) with { Agreement = options.Agreement ?? plan.Agreement };
            session = new LinkSession(emulated, linkOptions, identity, peerKey, time, options.Tap, () => passTime.Now);
            session.LinkStateChanged += change => LogLinkStateChange(logger, roleName, change, linkOptions);
            var link = new LinkComponent(session, Math.Max(4, linkOptions.WindowPackets));
            var context = new FirmwareContext(options, session, link, time, logger, plan.OutputDirectory, identity, peerKey) { PassTime = passTime };

            // A stop signal cancels the mission only; the link stays up until this side has said goodbye
            // (InterruptedAsync), so the peer sees an orderly close, not a vanished side.
            using var stopSession = new CancellationTokenSource();
            using var stopMission = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stopSession.Token);

            // The session answers the peer while the topology is wired: building a side's hardware (the bench's pass
            // tables, devices opened) can take seconds on a loaded machine, longer than the peer waits for a first
            // valid frame. Messages that arrive meanwhile wait in the session until the routing below starts.
            Task sessionRun = session.RunAsync(stopSession.Token);
            try
            {
                topology.Wire(context);
            }
            catch
            {
                await stopSession.CancelAsync();
                await sessionRun.ContinueWith(_ => { }, TaskScheduler.Default);
                throw;
            }

            Task routing = Task.Run(() => link.RunAsync(stopSession.Token), CancellationToken.None);
            Task<double> mission = Task.Run(() => topology.RunAsync(stopMission.Token), CancellationToken.None);
            var stopRequested = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using CancellationTokenRegistration onStop = cancellationToken.Register(() => stopRequested.TrySetResult());

            async Task<FirmwareResult> PeerLeftAsync()
            {
                // The peer left mid-pass (its operator stopped it) with an orderly goodbye: this side's mission cannot
                // go on without a link, and says so instead of failing on a cancelled send.
                await stopSession.CancelAsync();
                await mission.ContinueWith(_ => { }, TaskScheduler.Default);
                await routing.ContinueWith(_ => { }, TaskScheduler.Default);
                string peer = role == FirmwareRole.Payload ? "ground" : "payload";
                return Result("link_lost", $"the {peer} closed the session before the pass completed");
            }

            async Task<FirmwareResult> InterruptedAsync()
            {
                // The mission stops where it is (the payload's pending-key journal already holds every key
                // not yet settled; the next contact's settle query resolves them), then goodbye to the peer.
                await mission.ContinueWith(_ => { }, TaskScheduler.Default).WaitAsync(TimeSpan.FromSeconds(10), time, CancellationToken.None).ContinueWith(_ => { }, TaskScheduler.Default);
                await session.CloseAsync(CloseTimeout);
                await sessionRun.ContinueWith(_ => { }, TaskScheduler.Default).WaitAsync(TimeSpan.FromSeconds(10), time, CancellationToken.None).ContinueWith(_ => { }, TaskScheduler.Default);
                await stopSession.CancelAsync();
                await routing.ContinueWith(_ => { }, TaskScheduler.Default);
                return Result("interrupted");
            }

            // A message handler that throws ends the routing loop: without this the side would wait for messages
            // that can no longer be routed and hang instead of failing.
            var handlerFault = new TaskCompletionSource<Exception>(TaskCreationOptions.RunContinuationsAsynchronously);
            _ = routing.ContinueWith(
                t => { if (t.IsFaulted) { handlerFault.TrySetResult(t.Exception.GetBaseException()); } },
                CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            async Task<FirmwareResult> HandlerFailedAsync()
            {
                Exception error = await handlerFault.Task;
                logger.LogError("{Role} stopped: handling an inbound message failed: {Message}", roleName, error.Message);
                logger.LogDebug(error, "{Role} handler failure", roleName);
                await stopSession.CancelAsync();
                await mission.ContinueWith(_ => { }, TaskScheduler.Default);

                // A handler that was sending when the link gave out failed because of the link, not a bug: one status for it.
                return error switch
                {
                    LinkDegradedException degraded => Result("link_degraded", degraded.Message),
                    LinkLostException lost => Result("link_lost", lost.Message),
                    _ => Result("failed", $"handling an inbound message failed: {error.Message}"),
                };
            }

            Task first = await Task.WhenAny(sessionRun, mission, handlerFault.Task, stopRequested.Task);
            if (first == handlerFault.Task)
            {
                return await HandlerFailedAsync();
            }

            if (first == stopRequested.Task || (first == mission && cancellationToken.IsCancellationRequested))
            {
                return await InterruptedAsync();
            }

            if (first == sessionRun && sessionRun.IsCompletedSuccessfully && session.PeerClosed.IsCompleted)
            {
                // The peer said goodbye and hung up: the mission finishes on what it already has.
                try
                {
                    await mission.WaitAsync(PeerGoodbyeAllowance, time, cancellationToken);
                }
                catch (Exception ex) when (ex is TimeoutException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
                {
                    return await PeerLeftAsync();
                }
            }
            else if (first == sessionRun && !mission.IsCompleted)
            {
                // The link ended before the mission did: lost, or stopped from outside.
                await stopSession.CancelAsync();
                await mission.ContinueWith(_ => { }, TaskScheduler.Default);
                await sessionRun; // throws LinkLostException when lost
                return Result(cancellationToken.IsCancellationRequested ? "interrupted" : "link_lost", "the link ended before the session completed");
            }

            Task next = await Task.WhenAny(mission, handlerFault.Task, stopRequested.Task);
            if (next == handlerFault.Task)
            {
                return await HandlerFailedAsync();
            }

            if (next == stopRequested.Task)
            {
                return await InterruptedAsync();
            }

            try
            {
                passSeconds = await mission;
            }
            catch (OperationCanceledException) when (session.PeerClosed.IsCompleted && !cancellationToken.IsCancellationRequested)
            {
                // The mission's sends were cut by the peer's goodbye.
                return await PeerLeftAsync();
            }

            // The mission has what decides its outcome (the payload: the ground's summary; the ground: its summary
            // acknowledged or the payload's CLOSE), so every block is settled and the status is "completed" whatever the
            // link does from here: the goodbye below can no longer race the last acknowledgements into a failure.
            // The ground lets the payload say goodbye first (delivery.md "Liveness and closing"), bounded.
            if (role == FirmwareRole.Ground)
            {
                await Task.WhenAny(session.PeerClosed, sessionRun, Task.Delay(CloseTimeout, time));
            }

            await session.CloseAsync(CloseTimeout);
            try
            {
                await sessionRun.WaitAsync(TimeSpan.FromSeconds(10), time, CancellationToken.None);
            }
            catch (Exception ex) when (ex is LinkLostException or TimeoutException)
            {
                logger.LogInformation("{Role}: the link ended after the session completed ({Reason})", roleName, ex.Message);
            }

            await routing.ContinueWith(_ => { }, TaskScheduler.Default);
            logger.LogInformation("{Role} session completed after {PassSeconds:F1} s of pass", roleName, passSeconds);
            return topology.Shortfall() is { } shortfall ? Result(shortfall.Status, shortfall.Reason) : Result("completed");
        }
        catch (Exception ex) when (ex is Config.Loading.ConfigurationException or KeyFileException or TransportConfigurationException or JinanOnboard.Physics.Parameters.ParameterSetException)
        {
            return Result("configuration_error", ex.Message);
        }
        catch (Ports.TopologyException ex)
        {
            return Result("configuration_error", $"topology: {ex.Message}");
        }
        catch (PlanMismatchException ex)
        {
            // The handshake compared the two run plans (protocol-spec/delivery.md §Plan agreement): nothing was distilled.
            return Result("configuration_error", ex.Message);
        }
        catch (TransportException ex)
        {
            return Result("link_lost", ex.Message);
        }
        catch (LinkDegradedException ex)
        {
            return Result("link_degraded", ex.Message);
        }
        catch (LinkLostException ex)
        {
            return Result("link_lost", ex.Message);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Result("interrupted", "stopped by signal");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Result("failed", ex.Message);
        }
        finally
        {
            if (session is not null)
            {
                await session.DisposeAsync();
            }

            if (emulation is not null)
            {
                await emulation.DisposeAsync();
            }

            if (connection is not null)
            {
                await connection.DisposeAsync();
            }

            if (listener is not null)
            {
                await listener.DisposeAsync();
            }

            if (topology is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync();
            }

            identity?.Dispose();
        }
    }

    private static void LogLinkStateChange(ILogger logger, string role, LinkStateChange change, LinkSessionOptions options)
    {
        if (change.Up)
        {
            logger.LogWarning("{Role} link up at pass {Pass:F1} s after {Silent:F1} s without a valid frame; the pass continues", role, change.PassTime.TotalSeconds, change.SilentFor.TotalSeconds);
        }
        else
        {
            logger.LogWarning(
                "{Role} link down at pass {Pass:F1} s: no valid frame for {Silent:F1} s; keeping the session, giving up after {GiveUp:G} s (link.give_up_s)",
                role, change.PassTime.TotalSeconds, change.SilentFor.TotalSeconds, options.GiveUpTimeout.TotalSeconds);
        }
    }

    /// <summary>Writes <paramref name="result"/> as JSON (snake_case) to <paramref name="path"/> atomically.</summary>
    public static void WriteResult(FirmwareResult result, string path)
    {
        string? directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        string temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(result, ResultJson.Options));
        File.Move(temporary, path, overwrite: true);
    }

    internal static LinkSessionOptions BuildLinkOptions(FirmwareConfiguration configuration, FirmwareRole role, TimeSpan maxOneWayDelay = default)
    {
        LinkSettings link = configuration.Link;
        LinkDirectionSettings outbound = role == FirmwareRole.Payload ? link.Downlink : link.Uplink;
        Span<byte> nonce = stackalloc byte[8];
        ulong sessionId = 0;
        while (sessionId == 0)
        {
            RandomNumberGenerator.Fill(nonce);
            sessionId = BitConverter.ToUInt64(nonce);
        }

        return new LinkSessionOptions
        {
            FrameLength = link.FrameBytes,
            Coding = LinkCodingOf(link),
            SpacecraftId = (byte)link.SpacecraftId,
            IsPayload = role == FirmwareRole.Payload,
            SessionId = sessionId,
            LinkRateBitsPerSecond = outbound.RateBps,
            RoundTripTime = WindowRoundTrip(link, maxOneWayDelay),
            AckTimeout = TimeSpan.FromMilliseconds(link.AckTimeoutMs),
            HeartbeatInterval = TimeSpan.FromMilliseconds(link.HeartbeatMs),
            LossOfLinkTimeout = TimeSpan.FromSeconds(link.LossOfLinkS),
            GiveUpTimeout = TimeSpan.FromSeconds(link.GiveUpS),
            NoProgressTimeout = TimeSpan.FromSeconds(link.NoProgressS),
            MaxFrameErrorRate = link.MaxFrameErrorRate,
        };
    }

    /// <summary>The channel coding named by <c>link.coding</c> (validated when the configuration was read).</summary>
    internal static ChannelCoding LinkCodingOf(LinkSettings link) => link.Coding == "none" ? ChannelCoding.None : ChannelCoding.ReedSolomon;

    /// <summary>
    /// The round trip the send window must cover: the bandwidth-delay product rate × (2 × max one-way delay + ack
    /// delay) keeps the line busy while the first frame's acknowledgement travels back (a window of W frames
    /// sustains at most W·L·8 / RTT bit/s). The configured <c>round_trip_ms</c> stays a floor: it also absorbs the
    /// queueing in the transmitter and the receiver's processing, which the propagation alone does not.
    /// </summary>
    internal static TimeSpan WindowRoundTrip(LinkSettings link, TimeSpan maxOneWayDelay)
    {
        TimeSpan configured = TimeSpan.FromMilliseconds(link.RoundTripMs);
        TimeSpan propagation = (2 * maxOneWayDelay) + new LinkSessionOptions().AckDelay;
        return propagation > configured ? propagation : configured;
    }
}

/// <summary>The JSON style of result and report files.</summary>
public static class ResultJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };
}
