using System.Threading.Channels;
using Polly;
using Polly.Retry;

namespace JinanOnboard.Devices.Waveplates.Elliptec;

/// <summary>
/// One serial line shared by several Elliptec modules, each answering to its own address (ELLx modules protocol
/// manual, "Multi-drop": up to 16 modules on one bus). The bus never opens the line: it is handed a stream (a
/// <c>SerialPort.BaseStream</c> at 9600 8N1, a pty, an in-memory pipe). Exchanges are serialised, so one command and
/// its reply own the line at a time; a background reader splits the module-to-host bytes into CR LF lines, so a
/// timed-out wait never cancels a read on the stream itself.
/// </summary>
public sealed class ElliptecBus : IAsyncDisposable, IDisposable
{
    /// <summary>Longest line accepted before it is treated as garbage (an <c>IN</c> reply is 33 characters plus CR LF).</summary>
    public const int MaxLineLength = 64;

    private readonly Stream stream;
    private readonly bool shouldDispose;
    private readonly TimeProvider timeProvider;
    private readonly SemaphoreSlim line = new(1, 1);
    private readonly Channel<byte[]> lines = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly CancellationTokenSource stopReading = new();
    private readonly ResiliencePipeline retry;
    private readonly Task reader;
    private long staleLines;
    private long retries;
    private bool disposed;

    /// <summary>Takes an open stream; with <paramref name="shouldDispose"/> the bus disposes it when disposed.</summary>
    public ElliptecBus(Stream stream, ElliptecBusOptions? options = null, TimeProvider? timeProvider = null, bool shouldDispose = true)
    {
        this.stream = stream ?? throw new ArgumentNullException(nameof(stream));
        Options = options ?? new ElliptecBusOptions();
        Options.Validate();
        this.timeProvider = timeProvider ?? TimeProvider.System;
        this.shouldDispose = shouldDispose;
        retry = new ResiliencePipelineBuilder { TimeProvider = this.timeProvider }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<ElliptecTimeoutException>(),
                MaxRetryAttempts = Math.Max(Options.RetryAttempts, 1),
                Delay = Options.RetryDelay,
                BackoffType = DelayBackoffType.Constant,
                OnRetry = _ =>
                {
                    Interlocked.Increment(ref retries);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
        reader = Task.Run(() => ReadLinesAsync(stopReading.Token));
    }

    /// <summary>The bus timing.</summary>
    public ElliptecBusOptions Options { get; }

    /// <summary>Lines that arrived while no exchange was waiting (late answers to timed-out commands), discarded.</summary>
    public long StaleLinesDiscarded => Interlocked.Read(ref staleLines);

    /// <summary>Commands sent again after a timeout.</summary>
    public long Retries => Interlocked.Read(ref retries);

    /// <summary>
    /// Sends <paramref name="command"/> to module <paramref name="address"/> and returns its first reply. With
    /// <paramref name="motion"/> the wait is <see cref="ElliptecBusOptions.MotionTimeout"/> and <c>GS</c> busy
    /// notices are skipped until the final reply. A timeout re-sends the command (Polly retry) up to
    /// <see cref="ElliptecBusOptions.RetryAttempts"/> times, then throws <see cref="ElliptecTimeoutException"/>;
    /// a garbled reply or one from another address throws <see cref="ElliptecProtocolException"/> at once.
    /// </summary>
    public async ValueTask<ElliptecReply> ExchangeAsync(int address, byte[] command, bool motion, CancellationToken cancellationToken = default)
    {
        ElliptecPacket.ValidateAddress(address);
        ObjectDisposedException.ThrowIf(disposed, this);
        TimeSpan timeout = motion ? Options.MotionTimeout : Options.ReplyTimeout;
        await line.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Options.RetryAttempts == 0)
            {
                return await AttemptAsync(address, command, motion, timeout, cancellationToken).ConfigureAwait(false);
            }

            return await retry.ExecuteAsync(
                async token => await AttemptAsync(address, command, motion, timeout, token).ConfigureAwait(false),
                cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            line.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        await stopReading.CancelAsync().ConfigureAwait(false);
        if (shouldDispose)
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            await reader.ConfigureAwait(false);
        }

        stopReading.Dispose();
        line.Dispose();
    }

    private async Task<ElliptecReply> AttemptAsync(int address, byte[] command, bool motion, TimeSpan timeout, CancellationToken cancellationToken)
    {
        while (lines.Reader.TryRead(out _))
        {
            Interlocked.Increment(ref staleLines);
        }

        using var deadline = new CancellationTokenSource(timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            await stream.WriteAsync(command, cancellationToken).ConfigureAwait(false);
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            while (true)
            {
                byte[] received = await lines.Reader.ReadAsync(linked.Token).ConfigureAwait(false);
                if (!ElliptecReply.TryParse(received, out ElliptecReply reply))
                {
                    throw new ElliptecProtocolException(address, $"garbled reply to '{Ascii(command)}'", received);
                }

                if (reply.Address != address)
                {
                    throw new ElliptecProtocolException(address, $"reply from module {reply.Address:X1} to '{Ascii(command)}'", received);
                }

                if (motion && reply.Header == ElliptecReply.Status && reply.StatusCode == ElliptecStatus.Busy)
                {
                    continue; // the module is still moving; its position reply follows when it stops
                }

                return reply;
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new ElliptecTimeoutException(address, $"no reply to '{Ascii(command)}' within {timeout.TotalMilliseconds:F0} ms", command);
        }
        catch (ChannelClosedException ex)
        {
            throw new ElliptecException(address, "the serial line closed", command, ex.InnerException ?? ex);
        }
        catch (IOException ex) when (ex is not ElliptecException)
        {
            throw new ElliptecException(address, "the serial line failed: " + ex.Message, command, ex);
        }
    }

    private async Task ReadLinesAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[256];
        var current = new List<byte>(MaxLineLength);
        try
        {
            while (true)
            {
                int n = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
                if (n == 0)
                {
                    lines.Writer.TryComplete();
                    return;
                }

                for (int i = 0; i < n; i++)
                {
                    byte b = buffer[i];
                    if (b == (byte)'\n')
                    {
                        if (current.Count > 0 && current[^1] == (byte)'\r')
                        {
                            current.RemoveAt(current.Count - 1);
                        }

                        lines.Writer.TryWrite([.. current]);
                        current.Clear();
                    }
                    else
                    {
                        current.Add(b);
                        if (current.Count > MaxLineLength)
                        {
                            lines.Writer.TryWrite([.. current]); // no terminator in sight: hand it over as garbage
                            current.Clear();
                        }
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            lines.Writer.TryComplete();
        }
        catch (Exception ex)
        {
            // whatever ended the line (I/O error, port closed under us) is what every waiting exchange reports
            lines.Writer.TryComplete(ex);
        }
    }

    private static string Ascii(byte[] bytes) => System.Text.Encoding.ASCII.GetString(bytes);
}
