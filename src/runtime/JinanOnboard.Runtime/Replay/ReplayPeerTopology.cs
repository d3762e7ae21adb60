using System.Diagnostics;
using System.Text.Json.Nodes;
using JinanOnboard.Distillation.Exchange;
using JinanOnboard.Distillation.Exchange.Messages;
using JinanOnboard.Protocol.Delivery;
using JinanOnboard.Protocol.Messages;
using JinanOnboard.Protocol.Replay;
using JinanOnboard.Runtime.Hosting;
using JinanOnboard.Runtime.Link;
using JinanOnboard.Runtime.Messages;
using NSec.Cryptography;

namespace JinanOnboard.Runtime.Replay;

/// <summary>How a replay peer plays its script.</summary>
public sealed record ReplayPeerOptions
{
    /// <summary>Pass seconds per wall second (1 = recorded timing); null plays as fast as the live side allows.</summary>
    public double? Speed { get; init; }

    /// <summary>How long the peer waits for the live side's next awaited message before it reports a divergence.</summary>
    public TimeSpan StallTimeout { get; init; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// A replay peer (protocol-spec/replay.md): stands in for one side of a recorded pass in a live session with the other
/// side, over a real <see cref="LinkSession"/> (handshake, signatures, ARQ) run by <see cref="FirmwareSessionRunner"/>.
/// It sends each recorded message once the live side has sent what the recorded side had received before it (per APID
/// and type, <see cref="ReplayScript"/>), re-making the end-to-end signatures of distillation messages with its own
/// identity. When the live side does not send what the recording says it sent, the peer stops and names the first
/// message it waited for in vain (<see cref="Shortfall"/>: status <c>diverged</c>).
/// </summary>
public sealed class ReplayPeerTopology(ReplayScript script, ReplayPeerOptions options) : IFirmwareTopology
{
    /// <summary>The status of a replay whose live side did not follow the recording.</summary>
    public const string Diverged = "diverged";

    private readonly Dictionary<(ushort, byte), long> _received = [];
    private readonly Dictionary<(ushort, byte), long> _required = [];
    private readonly SemaphoreSlim _progress = new(0);
    private readonly TaskCompletionSource<byte[]> _summary = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly object _gate = new();
    private readonly Dictionary<uint, RecordedMessage> _recordedInstructions = [];
    private readonly Dictionary<uint, RecordedMessage> _recordedFeedback = [];
    private long _refused;
    private FirmwareContext? _context;
    private long _played;
    private long _resigned;
    private TimeSpan _passTime;
    private string? _divergence;
    private double _wallSeconds;

    public void Wire(FirmwareContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _context = context;
        context.PassTime.Use(() => _passTime);
        if (script.Played == FirmwareRole.Payload)
        {
            // The payload's feedback answers the live ground's instructions as they come (AnswerInstructionAsync).
            foreach (RecordedMessage m in script.LiveMessages.Where(m => IsDistillation(m, DistillationMessageType.PaInstruction) && m.Body.Length >= 4))
            {
                _recordedInstructions.TryAdd(ReplayAnswers.BlockIdOf(m.Body), m);
            }

            foreach (RecordedMessage m in script.Messages.Where(m => IsDistillation(m, DistillationMessageType.Feedback) && m.Body.Length >= 4))
            {
                _recordedFeedback.TryAdd(ReplayAnswers.BlockIdOf(m.Body), m);
            }
        }

        foreach (ushort apid in new[] { Apids.TimeSync, Apids.Telemetry, Apids.SessionControl, Apids.Polarization, Apids.Distillation })
        {
            context.Link.Inbound(apid).ConnectTo(OnMessageAsync);
        }
    }

    private async ValueTask OnMessageAsync(InboundMessage message, CancellationToken cancellationToken)
    {
        if (script.Played == FirmwareRole.Payload && message.Apid == Apids.Distillation && message.Type == (byte)DistillationMessageType.PaInstruction)
        {
            await AnswerInstructionAsync(message.Data, cancellationToken);
        }

        lock (_gate)
        {
            _received[(message.Apid, message.Type)] = _received.GetValueOrDefault((message.Apid, message.Type)) + 1;
        }

        if (message.Apid == Apids.SessionControl && message.Type == SessionMessageTypes.Summary)
        {
            _summary.TrySetResult(message.Data);
        }

        _progress.Release();
    }

    /// <summary>
    /// The played payload's answer to a live PA instruction: the recorded feedback when the instruction is the recorded one
    /// (same bytes before the signature: same packets, counts, ℓ and seed), re-signed; else a refusal, since only the
    /// payload's key material could make another block's key (ReplayAnswers). No answer when ℓ = 0, as the payload.
    /// </summary>
    private async ValueTask AnswerInstructionAsync(byte[] body, CancellationToken cancellationToken)
    {
        FirmwareContext context = _context!;
        int signatureLength = SignatureAlgorithm.Ed25519.SignatureSize;
        (uint blockId, long keyBits) = ReplayAnswers.ReadInstruction(body, signatureLength);
        byte[]? answer = null;
        if (_recordedInstructions.TryGetValue(blockId, out RecordedMessage? recorded)
            && recorded.Body.AsSpan(0, Math.Max(0, recorded.Body.Length - signatureLength)).SequenceEqual(body.AsSpan(0, body.Length - signatureLength)))
        {
            if (_recordedFeedback.TryGetValue(blockId, out RecordedMessage? feedback))
            {
                answer = Resign(feedback, context);
            }
        }
        else if (keyBits > 0)
        {
            answer = ReplayAnswers.Refusal(blockId, new Distillation.Ed25519MessageAuthenticator(context.Identity, context.PeerKey));
            Interlocked.Increment(ref _refused);
        }

        if (answer is not null)
        {
            await context.Link.SendAsync(new OutboundMessage(Apids.Distillation, (byte)DistillationMessageType.Feedback, answer, Reliable: true), cancellationToken);
        }
    }

    private static bool IsDistillation(RecordedMessage m, DistillationMessageType type) => m.Apid == Apids.Distillation && m.Type == (byte)type;

    public async Task<double> RunAsync(CancellationToken cancellationToken)
    {
        FirmwareContext context = _context ?? throw new InvalidOperationException("Wire the topology first.");
        var wall = Stopwatch.StartNew();
        TimeSpan first = script.Messages.Count > 0 ? script.Messages[0].PassTime : TimeSpan.Zero;
        int live = 0;
        for (int i = 0; i < script.Messages.Count; i++)
        {
            RecordedMessage message = script.Messages[i];
            if (script.Played == FirmwareRole.Payload && IsDistillation(message, DistillationMessageType.Feedback))
            {
                continue; // answered as the live instructions come
            }

            while (live < script.LivePrefix[i])
            {
                (ushort, byte) key = script.LiveCausal[live++];
                _required[key] = _required.GetValueOrDefault(key) + 1;
            }

            if (!await AwaitLiveAsync(i, cancellationToken))
            {
                return Finish(wall);
            }

            if (options.Speed is { } speed)
            {
                TimeSpan due = (message.PassTime - first) / speed;
                if (due > wall.Elapsed)
                {
                    await Task.Delay(due - wall.Elapsed, context.Time, cancellationToken);
                }
            }

            _passTime = message.PassTime;
            await context.Link.SendAsync(new OutboundMessage(message.Apid, message.Type, Resign(message, context), message.Reliable), cancellationToken);
            Interlocked.Increment(ref _played);
        }

        await context.Link.DrainAsync(cancellationToken);
        if (script.Played == FirmwareRole.Payload && script.LiveMessages.Any(IsSummary))
        {
            // The payload's pass ends on the ground's summary (messages.md): wait for it as the recorded payload did.
            try
            {
                await _summary.Task.WaitAsync(options.StallTimeout, context.Time, cancellationToken);
            }
            catch (TimeoutException)
            {
                _divergence = $"every recorded message was played, but the live ground sent no summary within {options.StallTimeout.TotalSeconds:0} s";
            }
        }

        return Finish(wall);
    }

    private double Finish(Stopwatch wall)
    {
        _wallSeconds = wall.Elapsed.TotalSeconds;
        return _passTime.TotalSeconds;
    }

    /// <summary>Waits until the live side has sent every causal message message <paramref name="index"/> waits for; false on a stall.</summary>
    private async Task<bool> AwaitLiveAsync(int index, CancellationToken cancellationToken)
    {
        while (true)
        {
            (ushort Apid, byte Type)? missing = null;
            lock (_gate)
            {
                foreach (((ushort, byte) key, long count) in _required)
                {
                    if (_received.GetValueOrDefault(key) < count)
                    {
                        missing = key;
                        break;
                    }
                }
            }

            if (missing is not { } key2)
            {
                return true;
            }

            if (!await _progress.WaitAsync(options.StallTimeout, cancellationToken))
            {
                RecordedMessage waiting = script.Messages[index];
                long got;
                lock (_gate)
                {
                    got = _received.GetValueOrDefault(key2);
                }

                _divergence = $"recorded message {index} (APID 0x{waiting.Apid:X3} type {waiting.Type}, pass {waiting.PassTime.TotalSeconds:F3} s) waits for "
                    + $"message {_required[key2]} of APID 0x{key2.Apid:X3} type {key2.Type} from the live side, which sent {got} of them and nothing more for {options.StallTimeout.TotalSeconds:0} s";
                return false;
            }
        }
    }

    /// <summary>
    /// The body as the played side sends it now. PA instructions and feedback carry an end-to-end Ed25519 signature over
    /// every preceding byte (distillation.md): the recorded one is by a key this replay may not have, so it is made again
    /// with the peer's identity, which the live side knows as the played side's key.
    /// </summary>
    private byte[] Resign(RecordedMessage message, FirmwareContext context)
    {
        if (message.Apid != Apids.Distillation
            || message.Type is not ((byte)DistillationMessageType.PaInstruction or (byte)DistillationMessageType.Feedback))
        {
            return message.Body;
        }

        int signatureLength = SignatureAlgorithm.Ed25519.SignatureSize;
        if (message.Body.Length < signatureLength + 4)
        {
            return message.Body; // malformed as recorded: played as recorded, the live side judges it
        }

        byte[] body = (byte[])message.Body.Clone();
        context.Identity.Sign(body.AsSpan(0, body.Length - signatureLength), body.AsSpan(body.Length - signatureLength));
        Interlocked.Increment(ref _resigned);
        return body;
    }

    private static bool IsSummary(RecordedMessage m) => m.Apid == Apids.SessionControl && m.Type == SessionMessageTypes.Summary;

    public PassShortfall? Shortfall() => _divergence is null ? null : new PassShortfall(Diverged, _divergence);

    public IReadOnlyDictionary<string, object> Details()
    {
        var details = new Dictionary<string, object>
        {
            ["played_role"] = script.Played == FirmwareRole.Payload ? "payload" : "ground",
            ["recorded_messages"] = script.Messages.Count,
            ["played_messages"] = Interlocked.Read(ref _played),
            ["resigned_messages"] = Interlocked.Read(ref _resigned),
            ["pa_blocks_refused"] = Interlocked.Read(ref _refused),
            ["play_wall_seconds"] = Math.Round(_wallSeconds, 3),
        };
        if (_divergence is not null)
        {
            details["divergence"] = _divergence;
        }

        if (_summary.Task.IsCompletedSuccessfully && JsonNode.Parse(_summary.Task.Result) is JsonObject summary)
        {
            details["live_summary"] = summary; // the live ground's own figures, as its Summary message carried them
        }

        return details;
    }
}
