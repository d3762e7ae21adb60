using System.Buffers.Binary;
using System.Net.Sockets;
using JinanOnboard.OpticalBench.Polarization;
using JinanOnboard.Polarization.Compensation;

namespace JinanOnboard.OpticalBench.Pointing;

/// <summary>
/// The OGS half's end of the <see cref="OpticalPath"/>: listens at a path, accepts the payload half, and feeds the
/// payload's fine samples into a <see cref="PointingTrace"/> until the end-of-pass mark (trace complete) or until the
/// path breaks or speaks wrongly (trace lost, with the reason).
/// </summary>
public sealed class OpticalPathReceiver : IAsyncDisposable
{
    private readonly Socket _listener;
    private readonly string _path;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _run;

    /// <param name="path">The socket path to listen at.</param>
    /// <param name="trace">The payload's pointing trace, or null when the bench runs no loops (then sample blocks are a violation).</param>
    /// <param name="plates">The payload's plates records, or null when the bench does not compensate polarization (then plates records are a violation).</param>
    public OpticalPathReceiver(string path, PointingTrace? trace, PlatesTrace? plates = null)
    {
        if (trace is null && plates is null)
        {
            throw new ArgumentException("an optical path carries a pointing trace, plates records or both");
        }

        _path = path;
        Trace = trace;
        Plates = plates;
        File.Delete(path); // a socket file left by an earlier run
        _listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        _listener.Bind(OpticalPath.EndPoint(path));
        _listener.Listen(1);
        _run = Task.Run(() => RunAsync(_stop.Token));
    }

    /// <summary>The payload's pointing trace, or null.</summary>
    public PointingTrace? Trace { get; }

    /// <summary>The payload's plates records, or null.</summary>
    public PlatesTrace? Plates { get; }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Dispose();
        await _run.ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
        File.Delete(_path);
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            using Socket peer = await _listener.AcceptAsync(cancellationToken);
            await using var stream = new NetworkStream(peer, ownsSocket: false);
            byte[] header = new byte[OpticalPath.HeaderBytes];
            await stream.ReadExactlyAsync(header, cancellationToken);
            if (!header.AsSpan(0, 4).SequenceEqual(OpticalPath.Magic) || BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(4)) != OpticalPath.Version)
            {
                Lose($"optical path: bad header {Convert.ToHexString(header)}");
                return;
            }

            uint rate = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(8));
            int expectedRate = Trace?.RateHz ?? 0;
            if (rate != expectedRate)
            {
                Lose($"optical path: the payload samples at {rate} Hz, this bench expects {expectedRate} Hz");
                return;
            }

            byte[] count = new byte[4];
            byte[] record = new byte[OpticalPath.PlatesRecordBytes];
            byte[] block = [];
            while (true)
            {
                await stream.ReadExactlyAsync(count, cancellationToken);
                uint samples = BinaryPrimitives.ReadUInt32LittleEndian(count);
                if (samples == OpticalPath.EndOfPass)
                {
                    Trace?.Complete();
                    Plates?.Complete();
                    return;
                }

                if (samples == OpticalPath.PlatesMark)
                {
                    if (Plates is null)
                    {
                        Lose("optical path: a plates record, but this bench does not compensate polarization");
                        return;
                    }

                    await stream.ReadExactlyAsync(record, cancellationToken);
                    Plates.Append(new PlatesRecord(
                        BinaryPrimitives.ReadUInt32LittleEndian(record),
                        record[4],
                        new CompensatorAngles(BinaryPrimitives.ReadDoubleLittleEndian(record.AsSpan(5)), BinaryPrimitives.ReadDoubleLittleEndian(record.AsSpan(13)), BinaryPrimitives.ReadDoubleLittleEndian(record.AsSpan(21)))));
                    continue;
                }

                if (samples == 0 || samples > OpticalPath.MaxBlockSamples || Trace is null)
                {
                    Lose($"optical path: block of {samples} samples");
                    return;
                }

                int bytes = (int)samples * OpticalPath.SampleBytes;
                if (block.Length < bytes)
                {
                    block = new byte[bytes];
                }

                await stream.ReadExactlyAsync(block.AsMemory(0, bytes), cancellationToken);
                for (int i = 0; i < bytes; i += OpticalPath.SampleBytes)
                {
                    Trace.Append(BinaryPrimitives.ReadSingleLittleEndian(block.AsSpan(i)), BinaryPrimitives.ReadSingleLittleEndian(block.AsSpan(i + 4)));
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Lose("the OGS bench stopped before the payload's pass ended");
        }
        catch (Exception e) when (e is IOException or SocketException or EndOfStreamException or ObjectDisposedException)
        {
            Lose($"optical path from the payload broke: {e.Message}");
        }
    }

    private void Lose(string reason)
    {
        Trace?.Lose(reason);
        Plates?.Lose(reason);
    }
}
