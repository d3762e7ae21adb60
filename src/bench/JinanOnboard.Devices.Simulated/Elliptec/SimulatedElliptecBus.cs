using System.Text;

namespace JinanOnboard.Devices.Simulated.Elliptec;

/// <summary>
/// The module side of an Elliptec multi-drop serial line: reads host packets from a stream (address digit,
/// two-letter mnemonic, fixed-length data, no terminator; ELLx modules protocol manual) and lets the module at that
/// address answer. Addresses with no module stay silent, as on a real bus. Stray bytes (CR, LF, anything that is
/// not an address digit) between packets are skipped.
/// </summary>
public sealed class SimulatedElliptecBus
{
    private readonly Stream stream;
    private readonly TimeProvider timeProvider;
    private readonly SimulatedEll14?[] modules = new SimulatedEll14?[16];
    private readonly SemaphoreSlim writeLock = new(1, 1);
    private long bytesReceived;

    /// <summary>Serves the device end of <paramref name="deviceStream"/>; motion times run on <paramref name="timeProvider"/>.</summary>
    public SimulatedElliptecBus(Stream deviceStream, TimeProvider? timeProvider = null)
    {
        stream = deviceStream ?? throw new ArgumentNullException(nameof(deviceStream));
        this.timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Every byte the host has sent.</summary>
    public long BytesReceived => Interlocked.Read(ref bytesReceived);

    /// <summary>Adds an ELL14 at <paramref name="address"/> (0-15), at <paramref name="initialPulses"/> before homing.</summary>
    public SimulatedEll14 AddEll14(int address, string serialNumber = "11400000", int initialPulses = 12_345)
    {
        if (address is < 0 or > 15 || modules[address] is not null)
        {
            throw new ArgumentException($"address {address} is outside 0-15 or already taken", nameof(address));
        }

        if (serialNumber.Length != 8)
        {
            throw new ArgumentException("an Elliptec serial number has eight characters", nameof(serialNumber));
        }

        var module = new SimulatedEll14(address, serialNumber, initialPulses, timeProvider);
        modules[address] = module;
        return module;
    }

    /// <summary>Answers packets until the stream ends or <paramref name="cancellationToken"/> fires.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var packet = new StringBuilder(16);
        var buffer = new byte[64];
        var motions = new List<Task>();
        try
        {
            while (true)
            {
                int n = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
                if (n == 0)
                {
                    break;
                }

                Interlocked.Add(ref bytesReceived, n);
                for (int i = 0; i < n; i++)
                {
                    char c = (char)buffer[i];
                    if (packet.Length == 0 && !IsAddressDigit(c))
                    {
                        continue;
                    }

                    packet.Append(c);
                    if (packet.Length < 3 || packet.Length < 3 + DataLength(packet[1], packet[2]))
                    {
                        continue;
                    }

                    string text = packet.ToString();
                    packet.Clear();
                    if (await DispatchAsync(text, cancellationToken).ConfigureAwait(false) is { } motion)
                    {
                        motions.Add(motion);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (IOException)
        {
            // the host closed the line
        }

        await Task.WhenAll(motions.Where(t => !t.IsCompleted)).ConfigureAwait(false);
    }

    private async Task<Task?> DispatchAsync(string packet, CancellationToken cancellationToken)
    {
        int address = Convert.ToInt32(packet[..1], 16);
        if (modules[address] is not { } module)
        {
            return null;
        }

        (string? reply, TimeSpan? motionTime) = module.Handle(packet.Substring(1, 2), packet[3..]);
        if (reply is not null)
        {
            await SendAsync(module, reply, cancellationToken).ConfigureAwait(false);
        }

        return motionTime is { } wait ? FinishMotionAsync(module, wait, cancellationToken) : null;
    }

    private async Task FinishMotionAsync(SimulatedEll14 module, TimeSpan wait, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(wait, timeProvider, cancellationToken).ConfigureAwait(false);
            await SendAsync(module, module.FinishMotion(), cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task SendAsync(SimulatedEll14 module, string reply, CancellationToken cancellationToken)
    {
        if (module.StopAnswering)
        {
            return;
        }

        byte[] bytes = Encoding.ASCII.GetBytes(reply);
        if (module.GarbleReplies)
        {
            for (int i = 3; i < bytes.Length - 2; i++)
            {
                bytes[i] |= 0x80;
            }
        }

        await writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or OperationCanceledException)
        {
            // the host went away mid-reply
        }
        finally
        {
            writeLock.Release();
        }
    }

    /// <summary>Data characters after the mnemonic: <c>ho</c> one direction digit, <c>ma</c>/<c>mr</c> eight hex digits.</summary>
    private static int DataLength(char first, char second) => (first, second) switch
    {
        ('h', 'o') => 1,
        ('m', 'a') or ('m', 'r') => 8,
        _ => 0,
    };

    private static bool IsAddressDigit(char c) => c is >= '0' and <= '9' or >= 'A' and <= 'F';
}
