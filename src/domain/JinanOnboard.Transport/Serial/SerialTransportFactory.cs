using System.Collections.Concurrent;
using System.IO.Ports;

using JinanOnboard.Transport.Internal;

namespace JinanOnboard.Transport.Serial;

/// <summary>
/// <c>serial:///dev/ttyX?baud=N&amp;rtscts=1</c>: 8 data bits, no parity, 1 stop bit, no flow control unless
/// <c>rtscts=1</c>. Both ends "connect": the listener opens its port at bind and accepts exactly once.
/// A missing device fails at once with one line rather than after retries: it will not appear by waiting.
/// </summary>
internal sealed class SerialTransportFactory : TransportFactoryBase
{
    public static readonly SerialTransportFactory Instance = new();

    /// <summary>
    /// Ports open in this process. Across processes the driver's exclusive mode (TIOCEXCL, set by System.IO.Ports)
    /// refuses a second open, but root bypasses it, so a second open from here is refused by this set as well.
    /// </summary>
    private static readonly ConcurrentDictionary<string, byte> OpenPaths = new(StringComparer.Ordinal);

    protected override ValueTask<TransportConnection> ConnectAsync(EndpointSettings settings, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Open(settings));
    }

    protected override ValueTask<IConnectionListener> BindAsync(EndpointSettings settings, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        return ValueTask.FromResult<IConnectionListener>(new SerialListener(Open(settings), settings.Display));
    }

    private static TransportConnection Open(EndpointSettings settings)
    {
        if (!File.Exists(settings.Path))
        {
            throw new TransportException($"{settings.Display}: no such serial device");
        }

        string path = Path.GetFullPath(settings.Path);
        if (!OpenPaths.TryAdd(path, 0))
        {
            throw new TransportException($"{settings.Display}: device busy (already open in this process)");
        }

        var port = new SerialPort(settings.Path, settings.Baud, Parity.None, 8, StopBits.One)
        {
            Handshake = settings.RtsCts ? Handshake.RequestToSend : Handshake.None,
            ReadTimeout = SerialPort.InfiniteTimeout,
            WriteTimeout = SerialPort.InfiniteTimeout,
        };
        try
        {
            port.Open();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
        {
            port.Dispose();
            OpenPaths.TryRemove(path, out _);
            string reason = ex is UnauthorizedAccessException ? "device busy or permission denied" : $"cannot open: {ex.Message}";
            throw new TransportException($"{settings.Display}: {reason}", ex);
        }

        return new PumpedConnection(new SerialRawChannel(port, () => OpenPaths.TryRemove(path, out _)), settings.Display, $"{settings.Display}#line-peer");
    }
}
