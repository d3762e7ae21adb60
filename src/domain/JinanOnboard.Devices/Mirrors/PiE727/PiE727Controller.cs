using System.Runtime.CompilerServices;
using System.Text;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace JinanOnboard.Devices.Mirrors.PiE727;

/// <summary>
/// Binding for a PI E-727 digital piezo controller speaking GCS 2.0 text commands (PI GCS 2.0 commands manual PZ233E;
/// E-727 user manual E727T0005 "GCS Commands") over any full-duplex <see cref="Stream"/>: a TCP
/// <c>NetworkStream</c> to port 50000, a serial port's <c>BaseStream</c>, or an in-memory pipe in tests. dotnet/iot
/// style: the binding receives its bus and never opens one; it owns the stream only if <c>shouldDispose</c>.
/// Not thread-safe: one caller drives it; concurrent use throws <see cref="InvalidOperationException"/>.
/// </summary>
public sealed class PiE727Controller : IAsyncDisposable
{
    private static readonly byte[] ErrQuery = "ERR?\n"u8.ToArray();

    private readonly Stream stream;
    private readonly bool shouldDispose;
    private readonly PiE727Options options;
    private readonly GcsReplyPump pump;
    private readonly ResiliencePipeline queryPipeline;
    private readonly ResiliencePipeline commandPipeline;
    private readonly byte[] command = new byte[512];
    private readonly TimeProvider clock;
    private int commandLength;
    private int busy;
    private bool disposed;

    /// <summary>Binds to an E-727 on <paramref name="stream"/>.</summary>
    /// <param name="stream">Full-duplex byte stream to the controller, already open.</param>
    /// <param name="deviceName">How errors name the controller (endpoint, port or serial number).</param>
    /// <param name="shouldDispose">True to dispose <paramref name="stream"/> with this binding.</param>
    /// <param name="options">Timeouts, retries, error checking; <see cref="PiE727Options.Default"/> if null.</param>
    /// <param name="timeProvider">Clock for timeouts and retry delays; the system clock if null.</param>
    public PiE727Controller(Stream stream, string deviceName = "E-727", bool shouldDispose = true, PiE727Options? options = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentException.ThrowIfNullOrWhiteSpace(deviceName);
        this.stream = stream;
        this.shouldDispose = shouldDispose;
        this.options = options ?? PiE727Options.Default;
        DeviceName = deviceName;
        clock = timeProvider ?? TimeProvider.System;
        pump = new GcsReplyPump(stream, deviceName);

        // Queries read state and change nothing, so an unanswered one is simply asked again. (ERR? is the one query
        // that changes state: it clears the error it reports; a lost ERR? answer loses that code, never moves anything.)
        queryPipeline = new ResiliencePipelineBuilder { TimeProvider = clock }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<TimeoutRejectedException>(),
                MaxRetryAttempts = Math.Max(1, this.options.QueryRetryAttempts),
                Delay = this.options.RetryDelay,
                BackoffType = DelayBackoffType.Constant,
                OnRetry = _ =>
                {
                    Interlocked.Increment(ref retries);
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(this.options.ReplyTimeout)
            .Build();

        // Commands are never resent. After an unanswered MOV nobody knows whether the controller took it: resending it
        // blindly could land after the pointing loop has already commanded a newer target (driving the mirror back to a
        // stale angle), and the late reply of the first copy would then be read as the reply to whatever comes next.
        // The loop owns that decision: it sees the fault and commands a fresh target once the controller answers again.
        commandPipeline = new ResiliencePipelineBuilder { TimeProvider = clock }
            .AddTimeout(this.options.ReplyTimeout)
            .Build();
    }

    private long retries;
    private long staleReplies;
    private int owedReplies;

    /// <summary>How errors and logs name this controller.</summary>
    public string DeviceName { get; }

    /// <summary>True once a command or query went unanswered after its retries; nothing is sent until <see cref="RecoverAsync"/>.</summary>
    public bool IsFaulted => FaultReason is not null;

    /// <summary>Why the binding is faulted, or null.</summary>
    public string? FaultReason { get; private set; }

    /// <summary>Queries resent after a timeout, since the binding was created.</summary>
    public long Retries => Interlocked.Read(ref retries);

    /// <summary>Replies that arrived after their command had timed out and were skipped (matched by order, never taken as the next answer).</summary>
    public long StaleReplies => staleReplies;

    /// <summary><c>*IDN?</c>: the controller's identification line (vendor, model, serial number, firmware).</summary>
    public async Task<string> IdentifyAsync(CancellationToken cancellationToken = default)
    {
        byte[] reply = await QueryAsync("*IDN?", axes: null, cancellationToken);
        return GcsReplyParser.ParseText(reply, DeviceName, "*IDN?");
    }

    /// <summary><c>ERR?</c>: the last error code, which the controller clears by answering.</summary>
    public async Task<GcsErrorCode> GetErrorAsync(CancellationToken cancellationToken = default)
    {
        byte[] reply = await QueryAsync("ERR?", axes: null, cancellationToken);
        return (GcsErrorCode)GcsReplyParser.ParseInteger(reply, DeviceName, "ERR?");
    }

    /// <summary><c>SVO</c>: switches the servo (closed-loop operation) of each axis on or off.</summary>
    public ValueTask SetServoAsync(IReadOnlyList<(string Axis, bool On)> servo, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(servo);
        var line = new StringBuilder("SVO");
        foreach ((string axis, bool on) in servo)
        {
            line.Append(' ').Append(CheckAxis(axis)).Append(' ').Append(on ? '1' : '0');
        }

        return CommandAsync(line.ToString(), acceptedError: GcsErrorCode.NoError, cancellationToken);
    }

    /// <summary><c>SVO?</c>: servo state of each axis (true = closed loop).</summary>
    public async Task<bool[]> GetServoAsync(IReadOnlyList<string> axes, CancellationToken cancellationToken = default)
    {
        double[] values = await QueryAxesAsync("SVO?", axes, cancellationToken);
        return ToFlags(values, axes, "SVO?");
    }

    /// <summary>
    /// <c>MOV</c>: absolute targets, in each axis's GCS unit. When the lower and upper limits (<c>TMN?</c>, <c>TMX?</c>)
    /// of an axis have been read with <see cref="ReadLimitsAsync"/>, a target outside them is refused before anything is sent.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A target outside the axis's limits, or not a finite number.</exception>
    // Per fine tick: compiled at first call with inlining across assemblies, which ReadyToRun code lacks (issue 16).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ValueTask MoveAsync(ReadOnlySpan<GcsAxisValue> targets, CancellationToken cancellationToken = default)
    {
        ThrowIfUnusable();
        foreach (GcsAxisValue target in targets)
        {
            CheckTarget(target);
        }

        // The command buffer is shared: take it before formatting, so a second caller fails instead of corrupting it.
        Enter();
        int n;
        try
        {
            n = Append(0, "MOV"u8);
            foreach (GcsAxisValue target in targets)
            {
                n = Append(n, " "u8);
                n = AppendAscii(n, CheckAxis(target.Axis));
                n = Append(n, " "u8);
                // Same bytes as target.Value.ToString("0.#########", CultureInfo.InvariantCulture), several times cheaper.
                if (!GcsTargetFormatter.TryFormat(target.Value, command.AsSpan(n), out int written))
                {
                    throw new ArgumentException("MOV line too long", nameof(targets));
                }

                n += written;
            }

            n = Append(n, "\n"u8);
        }
        catch
        {
            Exit();
            throw;
        }

        return SendCommandThenExitAsync(n, GcsErrorCode.NoError, cancellationToken);
    }

    /// <summary><c>MOV?</c>: the commanded targets, in each axis's GCS unit.</summary>
    public Task<double[]> GetTargetsAsync(IReadOnlyList<string> axes, CancellationToken cancellationToken = default)
        => QueryAxesAsync("MOV?", axes, cancellationToken);

    /// <summary><c>POS?</c>: the measured positions (sensor), in each axis's GCS unit.</summary>
    public Task<double[]> GetPositionsAsync(IReadOnlyList<string> axes, CancellationToken cancellationToken = default)
        => QueryAxesAsync("POS?", axes, cancellationToken);

    /// <summary>
    /// <c>POS?</c> into a caller's buffer: the pointing loop's read-back without allocating a result array per call.
    /// </summary>
    public async ValueTask GetPositionsAsync(IReadOnlyList<string> axes, Memory<double> positions, CancellationToken cancellationToken = default)
    {
        byte[] reply = await QueryAsync("POS?", axes, cancellationToken);
        GcsReplyParser.ParseAxisValues(reply, axes, positions.Span, DeviceName, "POS?");
    }

    /// <summary><c>ONT?</c>: true for each axis that has settled on its target (within its on-target window).</summary>
    public async Task<bool[]> GetOnTargetAsync(IReadOnlyList<string> axes, CancellationToken cancellationToken = default)
    {
        double[] values = await QueryAxesAsync("ONT?", axes, cancellationToken);
        return ToFlags(values, axes, "ONT?");
    }

    /// <summary><c>PUN?</c>: the position unit of each axis as the controller names it (e.g. <c>MRAD</c>).</summary>
    public async Task<string[]> GetPositionUnitsAsync(IReadOnlyList<string> axes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(axes);
        byte[] reply = await QueryAsync("PUN?", axes, cancellationToken);
        return GcsReplyParser.ParseAxisTexts(reply, axes, DeviceName, "PUN?");
    }

    /// <summary>The limits read by <see cref="ReadLimitsAsync"/> per axis (lower, upper), GCS units.</summary>
    public IReadOnlyDictionary<string, (double Min, double Max)> Limits => limits;

    private readonly Dictionary<string, (double Min, double Max)> limits = new(StringComparer.Ordinal);

    /// <summary><c>TMN?</c> and <c>TMX?</c>: reads and keeps the travel limits of each axis; later MOVs are checked against them.</summary>
    public async Task<IReadOnlyDictionary<string, (double Min, double Max)>> ReadLimitsAsync(IReadOnlyList<string> axes, CancellationToken cancellationToken = default)
    {
        double[] min = await QueryAxesAsync("TMN?", axes, cancellationToken);
        double[] max = await QueryAxesAsync("TMX?", axes, cancellationToken);
        for (int i = 0; i < axes.Count; i++)
        {
            if (!(min[i] < max[i]))
            {
                throw new GcsProtocolException(DeviceName, "TMN?/TMX?", Encoding.ASCII.GetBytes($"{min[i]}..{max[i]}"), $"axis {axes[i]} has an empty travel range");
            }

            limits[axes[i]] = (min[i], max[i]);
        }

        Array.Clear(recentLimits);

        return limits;
    }

    /// <summary>
    /// <c>STP</c>: stops all axes at once. The controller answers it by setting error 10 ("controller was stopped by
    /// command", PZ233E), which this call reads and clears as the expected outcome.
    /// </summary>
    public ValueTask StopAsync(CancellationToken cancellationToken = default)
        => CommandAsync("STP", acceptedError: GcsErrorCode.ControllerStopped, cancellationToken);

    /// <summary>Leaves the fault state if the controller answers <c>*IDN?</c> again; returns its identification.</summary>
    public async Task<string> RecoverAsync(CancellationToken cancellationToken = default)
    {
        Enter();
        try
        {
            await DrainOwedRepliesAsync(cancellationToken);
        }
        finally
        {
            Exit();
        }

        FaultReason = null;
        return await IdentifyAsync(cancellationToken);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        if (shouldDispose)
        {
            await stream.DisposeAsync();
        }

        await pump.DisposeAsync();
    }

    private bool[] ToFlags(double[] values, IReadOnlyList<string> axes, string query)
    {
        var flags = new bool[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            flags[i] = values[i] switch
            {
                0 => false,
                1 => true,
                _ => throw new GcsProtocolException(DeviceName, query, Encoding.ASCII.GetBytes($"{axes[i]}={values[i]}"), "expected 0 or 1"),
            };
        }

        return flags;
    }

    private async Task<double[]> QueryAxesAsync(string query, IReadOnlyList<string> axes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(axes);
        if (axes.Count == 0)
        {
            throw new ArgumentException("at least one axis", nameof(axes));
        }

        byte[] reply = await QueryAsync(query, axes, cancellationToken);
        var values = new double[axes.Count];
        GcsReplyParser.ParseAxisValues(reply, axes, values, DeviceName, query);
        return values;
    }

    private int FormatQuery(string query, IReadOnlyList<string>? axes)
    {
        int n = AppendAscii(0, query);
        foreach (string axis in axes ?? [])
        {
            n = Append(n, " "u8);
            n = AppendAscii(n, CheckAxis(axis));
        }

        return Append(n, "\n"u8);
    }

    private int Append(int at, ReadOnlySpan<byte> bytes)
    {
        if (at + bytes.Length > command.Length)
        {
            throw new ArgumentException("GCS command line too long");
        }

        bytes.CopyTo(command.AsSpan(at));
        return at + bytes.Length;
    }

    private int AppendAscii(int at, string text)
    {
        if (at + text.Length > command.Length)
        {
            throw new ArgumentException("GCS command line too long");
        }

        // ASCII text byte by byte: an axis name is a char or two, and the encoder's call cost more than the copy (twice per
        // fine-loop MOV, issue 16). Anything else goes through the encoder, for its replacement of what ASCII lacks.
        if (!Ascii.IsValid(text))
        {
            return at + Encoding.ASCII.GetBytes(text, command.AsSpan(at));
        }

        Span<byte> destination = command.AsSpan(at, text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            destination[i] = (byte)text[i];
        }

        return at + text.Length;
    }

    private static string CheckAxis(string axis)
    {
        // GCS item identifiers are short alphanumeric tokens (PZ233E, "Axis Identifiers"): no spaces, no line breaks.
        ArgumentException.ThrowIfNullOrEmpty(axis);
        foreach (char c in axis)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_' && c != '-')
            {
                throw new ArgumentException($"'{axis}' is not a GCS axis identifier", nameof(axis));
            }
        }

        return axis;
    }

    /// <summary>
    /// <see cref="limits"/> of an axis, the last two axis strings asked for remembered by reference: the fine loop names
    /// the same two strings in each of its 2000 MOVs a second, and hashing them was a tenth of the driver's share of a
    /// MOV (issue 16). Forgotten whenever the limits are read again.
    /// </summary>
    private bool TryGetLimits(string axis, out (double Min, double Max) range)
    {
        if (axis is not null)
        {
            foreach (LimitsEntry entry in recentLimits)
            {
                if (ReferenceEquals(entry.Axis, axis))
                {
                    range = entry.Range;
                    return entry.Known;
                }
            }
        }

        bool known = limits.TryGetValue(axis!, out range);
        recentLimits[nextRecentLimits] = new LimitsEntry(axis, known, range);
        nextRecentLimits ^= 1;
        return known;
    }

    private readonly LimitsEntry[] recentLimits = new LimitsEntry[2];
    private int nextRecentLimits;

    private readonly record struct LimitsEntry(string? Axis, bool Known, (double Min, double Max) Range);

    private void CheckTarget(GcsAxisValue target)
    {
        if (!double.IsFinite(target.Value))
        {
            throw new ArgumentOutOfRangeException(nameof(target), target.Value, $"{DeviceName}: MOV target of axis {target.Axis} is not a finite number; nothing sent");
        }

        if (TryGetLimits(target.Axis, out (double Min, double Max) range) && (target.Value < range.Min || target.Value > range.Max))
        {
            throw new ArgumentOutOfRangeException(nameof(target), target.Value,
                $"{DeviceName}: MOV {target.Axis} {target.Value} is outside the axis limits [{range.Min}, {range.Max}] (TMN?/TMX?); nothing sent");
        }
    }

    private async Task<byte[]> QueryAsync(string query, IReadOnlyList<string>? axes, CancellationToken cancellationToken)
    {
        ThrowIfUnusable();
        Enter();
        try
        {
            commandLength = FormatQuery(query, axes);
            return await queryPipeline.ExecuteAsync(static (self, ct) => self.ExchangeAsync(self.command.AsMemory(0, self.commandLength), ct), this, cancellationToken);
        }
        catch (TimeoutRejectedException e)
        {
            throw Fault(e);
        }
        finally
        {
            Exit();
        }
    }

    private ValueTask CommandAsync(string line, GcsErrorCode acceptedError, CancellationToken cancellationToken)
    {
        ThrowIfUnusable();
        Enter();
        int n;
        try
        {
            n = Append(AppendAscii(0, line), "\n"u8);
        }
        catch
        {
            Exit();
            throw;
        }

        return SendCommandThenExitAsync(n, acceptedError, cancellationToken);
    }

    /// <summary>Sends the command line in the buffer (with ERR? when checking) and releases the binding when done.</summary>
    private ValueTask SendCommandThenExitAsync(int lineLength, GcsErrorCode acceptedError, CancellationToken cancellationToken)
    {
        if (options.CheckErrorAfterCommands)
        {
            return SendCommandAndCheckThenExitAsync(lineLength, acceptedError, cancellationToken);
        }

        // The fine loop's path (no ERR?, 2 kHz): when the stream takes the line synchronously (an in-process cable, a
        // socket with room in its send buffer) there is no async state machine to run; otherwise the same await as ever.
        ValueTask write;
        try
        {
            write = stream.WriteAsync(command.AsMemory(0, lineLength), cancellationToken);
        }
        catch (Exception e)
        {
            // As from an async method: the failure is in the returned task, never thrown from this call.
            Exit();
            return ValueTask.FromException(e is IOException io ? Disconnected(io) : e);
        }

        if (write.IsCompletedSuccessfully)
        {
            write.GetAwaiter().GetResult(); // observes the ValueTask (it may be pooled)
            Exit();
            return ValueTask.CompletedTask;
        }

        return AwaitWriteThenExitAsync(write);
    }

    private async ValueTask AwaitWriteThenExitAsync(ValueTask write)
    {
        try
        {
            await write;
        }
        catch (IOException e)
        {
            throw Disconnected(e);
        }
        finally
        {
            Exit();
        }
    }

    /// <summary>The set command and ERR? in one write; releases the binding when the answer is in.</summary>
    private async ValueTask SendCommandAndCheckThenExitAsync(int lineLength, GcsErrorCode acceptedError, CancellationToken cancellationToken)
    {
        try
        {
            // The set command and ERR? go out in one write: one round trip, and the answer is about this very command.
            commandLength = Append(lineLength, ErrQuery);
            byte[] reply;
            try
            {
                reply = await commandPipeline.ExecuteAsync(static (self, ct) => self.ExchangeAsync(self.command.AsMemory(0, self.commandLength), ct), this, cancellationToken);
            }
            catch (TimeoutRejectedException e)
            {
                throw Fault(e);
            }

            var code = (GcsErrorCode)GcsReplyParser.ParseInteger(reply, DeviceName, "ERR?");
            if (code != GcsErrorCode.NoError && code != acceptedError)
            {
                throw new GcsErrorException(DeviceName, Encoding.ASCII.GetString(command, 0, lineLength - 1), code);
            }
        }
        finally
        {
            Exit();
        }
    }

    private async ValueTask WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        try
        {
            await stream.WriteAsync(bytes, cancellationToken);
        }
        catch (IOException e)
        {
            throw Disconnected(e);
        }
    }

    private PiE727DisconnectedException Disconnected(IOException cause) => new($"{DeviceName}: write failed: {cause.Message}", cause);

    private async ValueTask<byte[]> ExchangeAsync(ReadOnlyMemory<byte> line, CancellationToken cancellationToken)
    {
        // GCS replies carry no request id: a reply is matched to its query by order alone. Every line written that
        // expects an answer adds one to owedReplies, every reply read takes one off, and only the last one owed is this
        // exchange's. So the late reply of an attempt that timed out is skipped, not taken as the answer to the next
        // query (TMN? and TMX?, or two POS?, have the same shape; a shape check alone cannot tell them apart).
        owedReplies++;
        await WriteAsync(line, cancellationToken);
        try
        {
            while (true)
            {
                byte[] reply = await pump.Replies.ReadAsync(cancellationToken);
                if (--owedReplies == 0)
                {
                    return reply;
                }

                staleReplies++;
            }
        }
        catch (System.Threading.Channels.ChannelClosedException e) when (e.InnerException is PiE727DisconnectedException d)
        {
            throw new PiE727DisconnectedException(d.Message, e);
        }
    }

    /// <summary>
    /// Waits up to one reply timeout for each reply still owed and drops it; what does not come by then was never going
    /// to (the controller dropped the command, or restarted), so the count starts again from zero.
    /// </summary>
    private async Task DrainOwedRepliesAsync(CancellationToken cancellationToken)
    {
        while (owedReplies > 0)
        {
            using var timeout = new CancellationTokenSource(options.ReplyTimeout, clock);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
            try
            {
                await pump.Replies.ReadAsync(linked.Token);
                owedReplies--;
                staleReplies++;
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                owedReplies = 0;
            }
        }
    }

    private PiE727TimeoutException Fault(TimeoutRejectedException cause)
    {
        string line = Encoding.ASCII.GetString(command, 0, commandLength).TrimEnd('\n').Replace('\n', ';');
        FaultReason = $"no reply to '{line}' within {options.ReplyTimeout.TotalMilliseconds} ms";
        return new PiE727TimeoutException($"{DeviceName}: {FaultReason}; binding faulted until RecoverAsync succeeds", cause);
    }

    private void ThrowIfUnusable()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (FaultReason is not null)
        {
            throw new PiE727FaultedException($"{DeviceName}: faulted ({FaultReason}); call RecoverAsync");
        }
    }

    private void Enter()
    {
        if (Interlocked.Exchange(ref busy, 1) != 0)
        {
            throw new InvalidOperationException($"{DeviceName}: the binding is single-caller; another operation is in progress");
        }
    }

    private void Exit() => Volatile.Write(ref busy, 0);
}
