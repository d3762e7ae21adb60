using System.Globalization;
using System.Net;
using System.Net.Sockets;

using JinanOnboard.Transport.Internal;

namespace JinanOnboard.Transport.Sockets;

/// <summary>
/// Stream sockets: <c>tcp://host:port</c> (Nagle off, since the link layer writes whole frames) and
/// <c>unix:///path</c>. Both share the connect retry, the bind errors and <see cref="SocketRawChannel"/>.
/// </summary>
internal sealed class SocketTransportFactory : TransportFactoryBase
{
    public static readonly SocketTransportFactory Tcp = new(isUnix: false);
    public static readonly SocketTransportFactory Unix = new(isUnix: true);

    private readonly bool _isUnix;

    private SocketTransportFactory(bool isUnix) => _isUnix = isUnix;

    internal static string Describe(EndPoint? endPoint) => endPoint switch
    {
        IPEndPoint ip => $"tcp://{EndpointSettings.FormatHost(ip.Address.ToString())}:{ip.Port.ToString(CultureInfo.InvariantCulture)}",
        UnixDomainSocketEndPoint unix when !string.IsNullOrEmpty(unix.ToString()) => $"unix://{unix}",
        _ => "unix://(unnamed)",
    };

    protected override async ValueTask<TransportConnection> ConnectAsync(EndpointSettings settings, CancellationToken ct)
    {
        EndPoint remote = await ResolveAsync(settings, ct);
        return await ConnectRetry.RunAsync<TransportConnection>(
            settings,
            async token =>
            {
                Socket socket = NewSocket(remote);
                try
                {
                    await socket.ConnectAsync(remote, token);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }

                return Wrap(socket, localOverride: null);
            },
            ex => ex is SocketException { SocketErrorCode: SocketError.AddressNotAvailable } && _isUnix
                ? "no socket at this path"
                : SocketErrors.TransientReason(ex),
            ct);
    }

    protected override async ValueTask<IConnectionListener> BindAsync(EndpointSettings settings, CancellationToken ct)
    {
        EndPoint local = await ResolveAsync(settings, ct);
        if (_isUnix)
        {
            await RemoveStaleSocketFileAsync(settings, local, ct);
        }

        Socket socket = NewSocket(local);
        try
        {
            socket.Bind(local);
            socket.Listen(16);
        }
        catch (SocketException ex)
        {
            socket.Dispose();
            throw new TransportException($"{settings.Display}: {SocketErrors.Describe(ex)}", ex);
        }

        string bound = _isUnix ? settings.Display : Describe(socket.LocalEndPoint);
        return new SocketListener(socket, bound, _isUnix ? settings.Path : null, this);
    }

    internal TransportConnection Wrap(Socket socket, string? localOverride)
    {
        if (!_isUnix)
        {
            socket.NoDelay = true;
            return new PumpedConnection(new SocketRawChannel(socket), Describe(socket.LocalEndPoint), Describe(socket.RemoteEndPoint));
        }

        // Unix sockets are named only on the bound side; the other side is "(unnamed)".
        string local = socket.LocalEndPoint is UnixDomainSocketEndPoint l && !string.IsNullOrEmpty(l.ToString()) ? Describe(l) : "unix://(unnamed)";
        string remote = socket.RemoteEndPoint is UnixDomainSocketEndPoint r && !string.IsNullOrEmpty(r.ToString()) ? Describe(r) : "unix://(unnamed)";
        return new PumpedConnection(new SocketRawChannel(socket), localOverride ?? local, remote);
    }

    private Socket NewSocket(EndPoint endPoint) => _isUnix
        ? new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified)
        : new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);

    private async ValueTask<EndPoint> ResolveAsync(EndpointSettings settings, CancellationToken ct) => _isUnix
        ? new UnixDomainSocketEndPoint(settings.Path)
        : new IPEndPoint(await ResolveHostAsync(settings, ct), settings.Port);

    internal static async ValueTask<IPAddress> ResolveHostAsync(EndpointSettings settings, CancellationToken ct)
    {
        if (IPAddress.TryParse(settings.Host, out IPAddress? address))
        {
            return address;
        }

        try
        {
            IPAddress[] addresses = await Dns.GetHostAddressesAsync(settings.Host, ct);
            return addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses[0];
        }
        catch (SocketException ex)
        {
            throw new TransportException($"{settings.Display}: cannot resolve host '{settings.Host}'", ex);
        }
    }

    /// <summary>
    /// A socket file left by a crashed process would make bind fail forever; one that still answers means the
    /// address really is in use.
    /// </summary>
    private static async ValueTask RemoveStaleSocketFileAsync(EndpointSettings settings, EndPoint local, CancellationToken ct)
    {
        if (!File.Exists(settings.Path))
        {
            return;
        }

        using (var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
        {
            try
            {
                await probe.ConnectAsync(local, ct);
                throw new TransportException($"{settings.Display}: address already in use");
            }
            catch (SocketException)
            {
                // Nobody listens: the file is stale.
            }
        }

        File.Delete(settings.Path);
    }
}
