using System.Buffers;
using System.Runtime.InteropServices;

namespace JinanOnboard.Devices.Simulated.PiE727;

/// <summary>
/// Serves one connection to a <see cref="SimulatedE727"/> over a byte stream (a TCP socket, one end of a pty or an
/// in-memory pipe): LF-terminated command lines in, replies out, exactly as the controller's interface would
/// (PZ233E, "GCS Syntax"; an optional CR before the LF is ignored).
/// </summary>
public static class SimulatedE727Session
{
    /// <summary>Serves <paramref name="stream"/> until it ends or <paramref name="cancellationToken"/> is cancelled.</summary>
    public static async Task RunAsync(SimulatedE727 device, Stream stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(stream);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(4096);
        var line = new List<byte>(128);
        bool overlong = false;
        try
        {
            while (true)
            {
                int read;
                try
                {
                    read = await stream.ReadAsync(buffer, cancellationToken);
                }
                catch (Exception e) when (e is IOException or ObjectDisposedException)
                {
                    return; // the line closed under the read (port closed, socket reset)
                }

                if (read == 0)
                {
                    return;
                }

                for (int i = 0; i < read; i++)
                {
                    byte b = buffer[i];
                    if (b != (byte)'\n')
                    {
                        if (line.Count < device.Options.MaxLineBytes)
                        {
                            line.Add(b);
                        }
                        else
                        {
                            overlong = true;
                        }

                        continue;
                    }

                    if (overlong)
                    {
                        device.RejectTooLong();
                    }
                    else
                    {
                        byte[]? reply = device.Execute(CollectionsMarshal.AsSpan(line).TrimEnd((byte)'\r'));
                        if (reply is not null && !await TryWriteAsync(stream, reply, cancellationToken))
                        {
                            return;
                        }
                    }

                    line.Clear();
                    overlong = false;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async Task<bool> TryWriteAsync(Stream stream, byte[] reply, CancellationToken cancellationToken)
    {
        try
        {
            await stream.WriteAsync(reply, cancellationToken);
            await stream.FlushAsync(cancellationToken);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
    }
}
