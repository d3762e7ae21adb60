using System.Buffers.Binary;
using System.Net.Sockets;

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

    public OpticalPathReceiver(string path, PointingTrace trace)
    {
        ArgumentNullException.ThrowIfNull(trace);
        _path = path;
        Trace = trace;
        File.Delete(path); // a socket file left by an earlier run
        _listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        _listener.Bind(OpticalPath.EndPoint(path));
        _listener.Listen(1);
        _run = Task.Run(() => RunAsync(_stop.Token));
    }

    /// <summary>The payload's trace.</summary>
    public PointingTrace Trace { get; }

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
                Trace.Lose($"optical path: bad header {Convert.ToHexString(header)}");
                return;
            }

            uint rate = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(8));
            if (rate != Trace.RateHz)
            {
                Trace.Lose($"optical path: the payload samples at {rate} Hz, this bench expects {Trace.RateHz} Hz");
                return;
            }

            byte[] count = new byte[4];
            byte[] block = [];
            while (true)
            {
                await stream.ReadExactlyAsync(count, cancellationToken);
                uint samples = BinaryPrimitives.ReadUInt32LittleEndian(count);
                if (samples == OpticalPath.EndOfPass)
                {
                    Trace.Complete();
                    return;
                }

                if (samples == 0 || samples > OpticalPath.MaxBlockSamples)
                {
                    Trace.Lose($"optical path: block of {samples} samples");
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
            Trace.Lose("the OGS bench stopped before the payload's pass ended");
        }
        catch (Exception e) when (e is IOException or SocketException or EndOfStreamException or ObjectDisposedException)
        {
            Trace.Lose($"optical path from the payload broke: {e.Message}");
        }
    }
}
