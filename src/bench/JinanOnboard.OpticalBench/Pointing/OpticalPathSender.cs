using System.Buffers.Binary;
using System.Net.Sockets;

namespace JinanOnboard.OpticalBench.Pointing;

/// <summary>
/// The payload half's end of the <see cref="OpticalPath"/>: collects the fine samples the payload's loops produce and
/// sends them at each <see cref="Flush"/> (the payload calls it once per pass tick), then the end-of-pass mark; between
/// blocks, the polarization bench's plates records (<see cref="SendPlates"/>). A path
/// that breaks (the OGS process gone) is reported once and the pass goes on: the payload's firmware never depends on it.
/// </summary>
public sealed class OpticalPathSender : IDisposable
{
    private readonly Socket _socket;
    private readonly List<byte> _pending = new(64 * 1024);
    private readonly byte[] _sample = new byte[OpticalPath.SampleBytes];
    private readonly object _sendGate = new(); // the pointing loops' task and the polarization calibration both send

    private OpticalPathSender(Socket socket, int rateHz)
    {
        _socket = socket;
        Send(OpticalPath.Header(rateHz));
    }

    /// <summary>Why the path broke, or null.</summary>
    public string? Failure { get; private set; }

    /// <summary>Samples sent.</summary>
    public long SamplesSent { get; private set; }

    /// <summary>Connects to the OGS half at <paramref name="path"/>, retrying until <paramref name="timeout"/> (the OGS may wire up later).</summary>
    public static async Task<OpticalPathSender> ConnectAsync(string path, int rateHz, TimeSpan timeout, CancellationToken cancellationToken)
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            try
            {
                await socket.ConnectAsync(OpticalPath.EndPoint(path), cancellationToken);
                return new OpticalPathSender(socket, rateHz);
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                socket.Dispose();
                await Task.Delay(50, cancellationToken);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
    }

    /// <summary>Queues one fine sample (µrad).</summary>
    public void Add(double xUrad, double yUrad)
    {
        BinaryPrimitives.WriteSingleLittleEndian(_sample, (float)xUrad);
        BinaryPrimitives.WriteSingleLittleEndian(_sample.AsSpan(4), (float)yUrad);
        _pending.AddRange(_sample);
    }

    /// <summary>Sends the queued samples as one block.</summary>
    public void Flush()
    {
        if (_pending.Count == 0)
        {
            return;
        }

        int samples = _pending.Count / OpticalPath.SampleBytes;
        var block = new byte[4 + _pending.Count];
        BinaryPrimitives.WriteUInt32LittleEndian(block, (uint)samples);
        _pending.CopyTo(block, 4);
        _pending.Clear();
        Send(block);
        SamplesSent += samples;
    }

    /// <summary>Sends a plates record: the compensator's plates (degrees, where they really are) for a reference state or the key pulses.</summary>
    public void SendPlates(uint request, byte state, double firstQuarterWaveDeg, double halfWaveDeg, double secondQuarterWaveDeg)
    {
        var record = new byte[4 + OpticalPath.PlatesRecordBytes];
        BinaryPrimitives.WriteUInt32LittleEndian(record, OpticalPath.PlatesMark);
        BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(4), request);
        record[8] = state;
        BinaryPrimitives.WriteDoubleLittleEndian(record.AsSpan(9), firstQuarterWaveDeg);
        BinaryPrimitives.WriteDoubleLittleEndian(record.AsSpan(17), halfWaveDeg);
        BinaryPrimitives.WriteDoubleLittleEndian(record.AsSpan(25), secondQuarterWaveDeg);
        Send(record);
    }

    /// <summary>Sends what is left and the end-of-pass mark.</summary>
    public void Complete()
    {
        Flush();
        var end = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(end, OpticalPath.EndOfPass);
        Send(end);
    }

    public void Dispose() => _socket.Dispose();

    private void Send(byte[] bytes)
    {
        lock (_sendGate)
        {
            if (Failure is not null)
            {
                return;
            }

            try
            {
                int sent = 0;
                while (sent < bytes.Length)
                {
                    sent += _socket.Send(bytes.AsSpan(sent));
                }
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                Failure = $"optical path to the OGS bench broke: {e.Message}";
            }
        }
    }
}
