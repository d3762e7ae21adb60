using System.Buffers;
using System.IO.Pipelines;
using System.Threading.Channels;

namespace JinanOnboard.Transport.LinkEmulation;

/// <summary>
/// One direction of the emulated link. The transmitter cuts the stream into chunks, serialises them at the line
/// rate (a chunk starts when the line is free), lets <see cref="LinkChannelModel"/> decide their fate and schedules
/// survivors for arrival at end-of-serialisation + one-way delay; the receiver writes each chunk when the
/// <see cref="TimeProvider"/> reaches its arrival time. Arrivals never overtake each other (a shrinking delay or jitter
/// cannot reorder a fibre-less laser link either), with one exception: a chunk the model holds back
/// (<see cref="LinkDirectionOptions.ReorderProbability"/>) is delivered right after the next chunk, or alone as soon as
/// there is no next chunk to swap with, so nothing is held while the sender is quiet. A duplicated chunk's copy follows
/// it with the same arrival time. Serialisation and arrival times are measured from the emulation's
/// start on the <see cref="TimeProvider"/>; outages and the delay function read <see cref="LinkDirectionOptions.PassClock"/>.
/// </summary>
internal sealed class EmulatedDirection
{
    private readonly PipeReader _source;
    private readonly PipeWriter _destination;
    private readonly LinkDirectionOptions _options;
    private readonly TimeProvider _time;
    private readonly long _startTimestamp;
    private readonly LinkChannelModel _model;
    private readonly Channel<InFlight> _inFlight;
    private readonly TimeSpan _transmitBufferTime;
    private TimeSpan _lineFreeAt;
    private TimeSpan _lastArrival;

    /// <summary>A delivered chunk held back to go right after the next one (transports.md §4.3 step 6), or null.</summary>
    private InFlight? _held;

    public EmulatedDirection(PipeReader source, PipeWriter destination, LinkDirectionOptions options, TimeProvider time, long startTimestamp)
    {
        _source = source;
        _destination = destination;
        _options = options;
        _time = time;
        _startTimestamp = startTimestamp;
        _model = new LinkChannelModel(options);
        _transmitBufferTime = SerialisationTime(options.TransmitBufferBytes);
        int capacity = Math.Max(1, options.MaxInFlightBytes / options.ChunkBytes);
        _inFlight = Channel.CreateBounded<InFlight>(new BoundedChannelOptions(capacity) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });
    }

    public LinkDirectionStatistics Statistics { get; } = new();

    public async Task RunAsync(CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        Task transmit = TransmitAsync(stop.Token);
        Task receive = ReceiveAsync(stop.Token);
        await receive;

        // The far side is gone or we are closing: stop taking bytes from the sender.
        await stop.CancelAsync();
        await transmit;
    }

    private TimeSpan Now => _time.GetElapsedTime(_startTimestamp);

    private TimeSpan SerialisationTime(long bytes) => double.IsPositiveInfinity(_options.BitRateBitsPerSecond)
        ? TimeSpan.Zero
        : TimeSpan.FromSeconds(bytes * 8 / _options.BitRateBitsPerSecond);

    private async Task TransmitAsync(CancellationToken ct)
    {
        int chunkBytes = _options.ChunkBytes;
        byte[] chunk = ArrayPool<byte>.Shared.Rent(chunkBytes);
        int filled = 0;
        Exception? error = null;
        try
        {
            while (true)
            {
                ReadResult read;
                if (_held is null || !_source.TryRead(out read))
                {
                    // The sender paused: a held chunk has no successor to swap with, so it goes alone rather than wait.
                    await ReleaseHeldAsync(ct);
                    read = await _source.ReadAsync(ct);
                }

                foreach (ReadOnlyMemory<byte> segment in read.Buffer)
                {
                    ReadOnlyMemory<byte> rest = segment;
                    while (!rest.IsEmpty)
                    {
                        int take = Math.Min(chunkBytes - filled, rest.Length);
                        rest.Span[..take].CopyTo(chunk.AsSpan(filled));
                        rest = rest[take..];
                        filled += take;
                        if (filled == chunkBytes)
                        {
                            await SendChunkAsync(chunk, filled, ct);
                            chunk = ArrayPool<byte>.Shared.Rent(chunkBytes);
                            filled = 0;
                        }
                    }
                }

                _source.AdvanceTo(read.Buffer.End);
                if (read.IsCompleted)
                {
                    if (filled > 0)
                    {
                        // The stream ended mid-chunk: the tail travels as a short chunk.
                        await SendChunkAsync(chunk, filled, ct);
                        chunk = [];
                    }

                    await ReleaseHeldAsync(ct);
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            // The source failed (the inner connection's receive broke): hand the error to the receiving side.
            error = ex;
        }
        finally
        {
            if (_held is { } dropped)
            {
                // Closing or failing: the held chunk is in flight like the rest and dropped with it.
                _held = null;
                ArrayPool<byte>.Shared.Return(dropped.Chunk);
            }

            _inFlight.Writer.TryComplete(error);
            await _source.CompleteAsync();
        }
    }

    private async ValueTask SendChunkAsync(byte[] chunk, int length, CancellationToken ct)
    {
        // Hold the sender while the transmitter's queue is full, as a real line driver would.
        if (_lineFreeAt - Now > _transmitBufferTime)
        {
            await PreciseDelay.UntilAsync(_time, () => Now, _lineFreeAt - _transmitBufferTime, ct);
        }

        TimeSpan now = Now;
        TimeSpan start = _lineFreeAt > now ? _lineFreeAt : now;
        _lineFreeAt = start + SerialisationTime(length);

        // Outages and the delay belong to the pass: read them at the pass time the chunk starts. A chunk queued
        // behind the line starts (start − now) later than now, so that lead is added to the pass clock's reading.
        TimeSpan linkTime = _options.PassClock is { } pass ? pass() + (start - now) : start;
        ChunkFate fate = _model.Apply(linkTime, chunk.AsSpan(0, length), out int bitsFlipped);
        DeliveryDraw delivery = _model.DrawDelivery();
        Statistics.Offered(length, fate, bitsFlipped);
        if (fate != ChunkFate.Delivered)
        {
            ArrayPool<byte>.Shared.Return(chunk);

            // The chunk behind a held one is gone: nothing to swap with, the held one goes alone.
            await ReleaseHeldAsync(ct);
            return;
        }

        TimeSpan arrival = _lineFreeAt + _options.DelayAt(linkTime) + delivery.Jitter;
        if (arrival < _lastArrival)
        {
            arrival = _lastArrival;
        }

        var item = new InFlight(chunk, length, arrival, delivery.Duplicate);
        if (_held is { } held)
        {
            // Adjacent swap: this chunk overtakes the held one, which follows it at once (never before its own arrival).
            // A chunk that closes a swap is not held itself; its draw is spent all the same.
            _held = null;
            await _inFlight.Writer.WriteAsync(item, ct);
            InFlight late = held with { Arrival = held.Arrival > arrival ? held.Arrival : arrival };
            _lastArrival = late.Arrival;
            Statistics.Reordered();
            await _inFlight.Writer.WriteAsync(late, ct);
            return;
        }

        if (delivery.HoldBack)
        {
            // _lastArrival stays: the chunk behind may arrive before this one, that is the point.
            _held = item;
            return;
        }

        _lastArrival = arrival;
        await _inFlight.Writer.WriteAsync(item, ct);
    }

    /// <summary>Sends the held chunk, if any, alone at its own arrival time (never earlier than what is already in flight).</summary>
    private async ValueTask ReleaseHeldAsync(CancellationToken ct)
    {
        if (_held is not { } held)
        {
            return;
        }

        _held = null;
        _lastArrival = held.Arrival;
        await _inFlight.Writer.WriteAsync(held, ct);
    }

    private async Task ReceiveAsync(CancellationToken ct)
    {
        Exception? error = null;
        try
        {
            while (await _inFlight.Reader.WaitToReadAsync(ct))
            {
                while (_inFlight.Reader.TryRead(out InFlight item))
                {
                    if (item.Arrival > Now)
                    {
                        // Push out what has already arrived before sleeping.
                        await _destination.FlushAsync(ct);
                        await PreciseDelay.UntilAsync(_time, () => Now, item.Arrival, ct);
                    }

                    _destination.Write(item.Chunk.AsSpan(0, item.Length));
                    Statistics.Delivered(item.Length);
                    if (item.Duplicate)
                    {
                        // netem-style duplicate: the same bytes again, right behind, taking no line time.
                        _destination.Write(item.Chunk.AsSpan(0, item.Length));
                        Statistics.DeliveredCopy(item.Length);
                    }

                    ArrayPool<byte>.Shared.Return(item.Chunk);
                }

                FlushResult flush = await _destination.FlushAsync(ct);
                if (flush.IsCompleted)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            // A failed source or destination ends this direction; whoever reads the destination learns why.
            error = ex;
        }
        finally
        {
            await _destination.CompleteAsync(error);
        }
    }

    private readonly record struct InFlight(byte[] Chunk, int Length, TimeSpan Arrival, bool Duplicate);
}
