using System.Net.Sockets;

using JinanOnboard.Transport.Internal;

namespace JinanOnboard.Transport.Sockets;

/// <summary>A connected stream socket (TCP or Unix domain) as a raw channel; half-close is a FIN.</summary>
internal sealed class SocketRawChannel(Socket socket) : IRawChannel
{
    public int ReceiveBufferHint => 4096;

    public ValueTask<int> ReceiveAsync(Memory<byte> buffer, CancellationToken ct) =>
        socket.ReceiveAsync(buffer, SocketFlags.None, ct);

    public async ValueTask SendAsync(ReadOnlyMemory<byte> data, CancellationToken ct)
    {
        while (!data.IsEmpty)
        {
            int sent = await socket.SendAsync(data, SocketFlags.None, ct);
            data = data[sent..];
        }
    }

    public ValueTask ShutdownSendAsync(CancellationToken ct)
    {
        socket.Shutdown(SocketShutdown.Send);
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        try
        {
            socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
            // Already reset or never fully connected: closing is all that is left.
        }

        socket.Dispose();
        return ValueTask.CompletedTask;
    }
}
