using JinanOnboard.Transport.Memory;
using JinanOnboard.Transport.Serial;
using JinanOnboard.Transport.Sockets;
using JinanOnboard.Transport.Udp;

using JinanOnboard.Transport.Internal;

namespace JinanOnboard.Transport;

/// <summary>
/// Chooses the transport for an endpoint URI by its scheme: <c>memory://name</c>, <c>tcp://host:port</c>,
/// <c>udp://host:port?mtu=N</c>, <c>unix:///path</c>, <c>serial:///dev/tty?baud=N&amp;rtscts=1</c>
/// (grammar in protocol-spec/transports.md).
/// </summary>
public static class Transports
{
    /// <summary>The factory that opens client connections for <paramref name="endpoint"/>'s scheme.</summary>
    /// <exception cref="TransportConfigurationException">The URI is malformed or names an unknown scheme.</exception>
    public static IConnectionFactory ClientFor(Uri endpoint) => Select(endpoint);

    /// <summary>The factory that binds listeners for <paramref name="endpoint"/>'s scheme.</summary>
    /// <exception cref="TransportConfigurationException">The URI is malformed or names an unknown scheme.</exception>
    public static IConnectionListenerFactory ServerFor(Uri endpoint) => Select(endpoint);

    /// <summary>
    /// Parses and validates endpoint text from configuration or the command line, so that mistakes surface at
    /// start-up as one clear line rather than at first connect.
    /// </summary>
    /// <exception cref="TransportConfigurationException">Malformed URI, unknown scheme or query parameter, bad value (baud, mtu, timeout).</exception>
    public static Uri ParseEndpoint(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new TransportConfigurationException("endpoint is empty (expected e.g. tcp://127.0.0.1:7400)");
        }

        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out Uri? uri))
        {
            throw new TransportConfigurationException($"'{text}': not a valid endpoint URI (expected e.g. tcp://127.0.0.1:7400)");
        }

        _ = EndpointSettings.Parse(uri);
        return uri;
    }

    private static TransportFactoryBase Select(Uri endpoint) => EndpointSettings.Parse(endpoint).Scheme switch
    {
        "memory" => MemoryTransportFactory.Instance,
        "tcp" => SocketTransportFactory.Tcp,
        "unix" => SocketTransportFactory.Unix,
        "udp" => UdpTransportFactory.Instance,
        "serial" => SerialTransportFactory.Instance,
        _ => throw new TransportConfigurationException($"'{endpoint}': unknown transport scheme"),
    };
}
