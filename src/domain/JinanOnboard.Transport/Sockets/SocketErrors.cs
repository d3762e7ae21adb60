using System.Net.Sockets;

namespace JinanOnboard.Transport.Sockets;

/// <summary>Short lower-case phrases for the socket errors users meet, for one-line messages.</summary>
internal static class SocketErrors
{
    public static string Describe(SocketException ex) => ex.SocketErrorCode switch
    {
        SocketError.ConnectionRefused => "connection refused",
        SocketError.AddressAlreadyInUse => "address already in use",
        SocketError.AddressNotAvailable => "address not available",
        SocketError.HostUnreachable => "host unreachable",
        SocketError.NetworkUnreachable => "network unreachable",
        SocketError.TimedOut => "connection timed out",
        SocketError.AccessDenied => "permission denied",
        SocketError.HostNotFound => "host not found",
        _ => ex.Message,
    };

    /// <summary>Errors worth retrying while the peer may still be starting; null for everything else.</summary>
    public static string? TransientReason(Exception ex) => ex is SocketException se && se.SocketErrorCode is
        SocketError.ConnectionRefused or SocketError.TimedOut or SocketError.HostUnreachable
        or SocketError.NetworkUnreachable or SocketError.AddressNotAvailable or SocketError.TryAgain
        ? Describe(se)
        : null;
}
