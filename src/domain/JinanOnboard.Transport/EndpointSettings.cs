using System.Globalization;

namespace JinanOnboard.Transport;

/// <summary>
/// A validated endpoint: scheme, address and query parameters (grammar in protocol-spec/transports.md).
/// Built only by <see cref="Parse"/>, so every transport receives settings that are already in range.
/// </summary>
internal sealed record EndpointSettings
{
    public const int DefaultConnectTimeoutMs = 5000;
    public const int DefaultUdpMtuBytes = 1472; // Ethernet 1500 minus IPv4 (20) and UDP (8) headers.
    public const int MinUdpMtuBytes = 16;
    public const int MaxUdpMtuBytes = 65507; // Largest IPv4 UDP payload.
    public const int DefaultBaud = 921600;

    /// <summary>Baud rates termios can set on Linux; anything else is refused rather than silently rounded.</summary>
    internal static readonly int[] SupportedBauds =
    [
        1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200, 230400, 460800, 500000, 576000,
        921600, 1000000, 1152000, 1500000, 2000000, 2500000, 3000000, 3500000, 4000000,
    ];

    private static readonly Dictionary<string, string[]> AllowedQueryKeys = new(StringComparer.Ordinal)
    {
        ["memory"] = ["connectTimeoutMs"],
        ["tcp"] = ["connectTimeoutMs"],
        ["unix"] = ["connectTimeoutMs"],
        ["udp"] = ["connectTimeoutMs", "mtu"],
        ["serial"] = ["connectTimeoutMs", "baud", "rtscts"],
    };

    private EndpointSettings(Uri uri, string scheme)
    {
        Uri = uri;
        Scheme = scheme;
    }

    public Uri Uri { get; }

    /// <summary>Lower-case scheme: memory, tcp, udp, unix or serial.</summary>
    public string Scheme { get; }

    /// <summary>Host for tcp/udp, the pipe name for memory.</summary>
    public string Host { get; private init; } = "";

    /// <summary>Port for tcp/udp (0 lets a listener choose).</summary>
    public int Port { get; private init; }

    /// <summary>File-system path for unix and serial.</summary>
    public string Path { get; private init; } = "";

    public TimeSpan ConnectTimeout { get; private init; } = TimeSpan.FromMilliseconds(DefaultConnectTimeoutMs);

    /// <summary>Largest UDP datagram payload in bytes, including the one-byte datagram header.</summary>
    public int MtuBytes { get; private init; } = DefaultUdpMtuBytes;

    public int Baud { get; private init; } = DefaultBaud;

    public bool RtsCts { get; private init; }

    /// <summary>The endpoint as users wrote it, without the query: used as the prefix of every error message.</summary>
    public string Display => Scheme switch
    {
        "memory" => $"memory://{Host}",
        "tcp" or "udp" => $"{Scheme}://{FormatHost(Host)}:{Port.ToString(CultureInfo.InvariantCulture)}",
        _ => $"{Scheme}://{Path}",
    };

    public static string FormatHost(string host) => host.Contains(':', StringComparison.Ordinal) ? $"[{host}]" : host;

    public static EndpointSettings Parse(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        string text = uri.OriginalString;
        if (!uri.IsAbsoluteUri)
        {
            throw new TransportConfigurationException($"'{text}': not an absolute endpoint URI (expected e.g. tcp://127.0.0.1:7400)");
        }

        string scheme = uri.Scheme.ToLowerInvariant();
        if (!AllowedQueryKeys.TryGetValue(scheme, out string[]? allowedKeys))
        {
            throw new TransportConfigurationException($"'{text}': unknown transport scheme '{scheme}' (use memory, tcp, udp, unix or serial)");
        }

        Dictionary<string, string> query = ParseQuery(text, uri.Query, allowedKeys);
        var settings = new EndpointSettings(uri, scheme)
        {
            ConnectTimeout = TimeSpan.FromMilliseconds(QueryInt(text, query, "connectTimeoutMs", DefaultConnectTimeoutMs, 1, 600_000)),
        };

        switch (scheme)
        {
            case "memory":
                if (string.IsNullOrEmpty(uri.Host) || uri.AbsolutePath.Length > 1)
                {
                    throw new TransportConfigurationException($"'{text}': memory endpoint needs a single name, e.g. memory://link");
                }

                return settings with { Host = uri.Host };
            case "tcp":
            case "udp":
                if (string.IsNullOrEmpty(uri.Host) || uri.IsDefaultPort || uri.Port < 0)
                {
                    throw new TransportConfigurationException($"'{text}': {scheme} endpoint needs host and port, e.g. {scheme}://127.0.0.1:7400");
                }

                if (uri.AbsolutePath.Length > 1)
                {
                    throw new TransportConfigurationException($"'{text}': {scheme} endpoint takes no path");
                }

                return settings with
                {
                    Host = uri.Host.Trim('[', ']'),
                    Port = uri.Port,
                    MtuBytes = QueryInt(text, query, "mtu", DefaultUdpMtuBytes, MinUdpMtuBytes, MaxUdpMtuBytes),
                };
            case "unix":
            case "serial":
                if (!string.IsNullOrEmpty(uri.Host) || uri.AbsolutePath.Length <= 1)
                {
                    throw new TransportConfigurationException($"'{text}': {scheme} endpoint needs an absolute path after three slashes, e.g. {scheme}:///dev/ttyUSB0");
                }

                return settings with
                {
                    Path = Uri.UnescapeDataString(uri.AbsolutePath),
                    Baud = ParseBaud(text, query),
                    RtsCts = QueryInt(text, query, "rtscts", 0, 0, 1) == 1,
                };
            default:
                throw new TransportConfigurationException($"'{text}': unknown transport scheme '{scheme}'");
        }
    }

    private static int ParseBaud(string text, Dictionary<string, string> query)
    {
        if (!query.TryGetValue("baud", out string? raw))
        {
            return DefaultBaud;
        }

        if (!int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out int baud) || Array.IndexOf(SupportedBauds, baud) < 0)
        {
            throw new TransportConfigurationException($"'{text}': baud '{raw}' is not a supported rate (one of {string.Join(", ", SupportedBauds)})");
        }

        return baud;
    }

    private static int QueryInt(string text, Dictionary<string, string> query, string key, int fallback, int min, int max)
    {
        if (!query.TryGetValue(key, out string? raw))
        {
            return fallback;
        }

        if (!int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out int value) || value < min || value > max)
        {
            throw new TransportConfigurationException($"'{text}': {key} '{raw}' must be an integer in {min}..{max}");
        }

        return value;
    }

    private static Dictionary<string, string> ParseQuery(string text, string query, string[] allowedKeys)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string part in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = part.IndexOf('=', StringComparison.Ordinal);
            string key = Uri.UnescapeDataString(eq < 0 ? part : part[..eq]);
            string value = eq < 0 ? "" : Uri.UnescapeDataString(part[(eq + 1)..]);
            if (Array.IndexOf(allowedKeys, key) < 0)
            {
                throw new TransportConfigurationException($"'{text}': unknown parameter '{key}' (allowed: {string.Join(", ", allowedKeys)})");
            }

            if (!result.TryAdd(key, value))
            {
                throw new TransportConfigurationException($"'{text}': parameter '{key}' given twice");
            }
        }

        return result;
    }
}
