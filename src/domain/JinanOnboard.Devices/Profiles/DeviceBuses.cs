using System.Device.Gpio;
using System.Device.I2c;
using System.Device.Spi;

namespace JinanOnboard.Devices.Profiles;

/// <summary>
/// The open buses of one profile entry, handed to its driver (drivers never open a bus themselves). Only the ones the
/// kind uses are set. Disposing closes them and anything that backs them (an adapter, a simulator's session).
/// </summary>
public sealed class DeviceBuses : IAsyncDisposable
{
    private readonly List<object> owned = [];

    /// <summary>SPI device (analog-fsm DAC, tdc7200).</summary>
    public SpiDevice? Spi { get; init; }

    /// <summary>I2C device at the ADC's address (analog-fsm).</summary>
    public I2cDevice? I2c { get; init; }

    /// <summary>GPIO controller with the INTB line (tdc7200), and its pin number in <see cref="InterruptPin"/>.</summary>
    public GpioController? Gpio { get; init; }

    /// <summary>The INTB pin on <see cref="Gpio"/>.</summary>
    public int InterruptPin { get; init; }

    /// <summary>Byte stream to the controller or bus (pi-e727 over TCP or serial, ell14).</summary>
    public Stream? Stream { get; init; }

    /// <summary>Disposes <paramref name="resource"/> with these buses (last added, first disposed).</summary>
    public T Own<T>(T resource)
        where T : class
    {
        owned.Add(resource);
        return resource;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        for (int i = owned.Count - 1; i >= 0; i--)
        {
            try
            {
                switch (owned[i])
                {
                    case IAsyncDisposable asyncDisposable:
                        await asyncDisposable.DisposeAsync().ConfigureAwait(false);
                        break;
                    case IDisposable disposable:
                        disposable.Dispose();
                        break;
                }
            }
            catch (Exception error) when (error is IOException or ObjectDisposedException or InvalidOperationException or OperationCanceledException)
            {
                // Closing a bus whose device has gone (unplugged adapter, killed simulator) must not hide the probe's result.
            }
        }

        owned.Clear();
    }
}

/// <summary>Opens the buses of a profile entry: real ones from its addresses, or (bench side) a simulator's.</summary>
public interface IDeviceBusFactory
{
    /// <summary>Opens <paramref name="entry"/>'s buses; a TCP connect waits at most <paramref name="timeout"/>.</summary>
    /// <exception cref="DeviceBusException">The bus could not be opened (no such device, refused, no adapter).</exception>
    ValueTask<DeviceBuses> OpenAsync(DeviceEntry entry, TimeSpan timeout, CancellationToken cancellationToken = default);
}

/// <summary>A bus that could not be opened, in one line naming the address.</summary>
public sealed class DeviceBusException(string message, Exception? inner = null) : Exception(message, inner);
