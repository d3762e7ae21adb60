using JinanOnboard.Devices.Mirrors;
using JinanOnboard.Devices.Mirrors.AnalogFsm;
using JinanOnboard.Devices.Mirrors.PiE727;

namespace JinanOnboard.Devices.Profiles;

/// <summary>A mirror on a real bus: it moves on its own clock, so a loop must command it in real time, tick by tick.</summary>
public interface IBusMirror : ITipTiltMirror
{
    /// <summary>True while the device is connected and has not failed since.</summary>
    bool InUse { get; }
}

/// <summary>
/// A profile's fine mirror on its bus, as the firmware uses it: the driver of the entry's kind (an E-727 over TCP or
/// serial, or the analog FSM on SPI and I2C) on buses opened through a <see cref="IDeviceBusFactory"/>. A driver never
/// opens its bus, so recovering from a lost device (a controller power-cycled, a cable pulled, a simulator process
/// killed) is here: after a failure the mirror is out of use until <see cref="RecoverAsync"/> closes the old buses,
/// opens them again and identifies the device again (for the E-727 *IDN?, units, limits and servo on).
/// </summary>
public sealed class ProfileMirror : IBusMirror, IAsyncDisposable
{
    private readonly DeviceEntry entry;
    private readonly IDeviceBusFactory factory;
    private readonly TimeSpan openTimeout;
    private DeviceBuses? buses;
    private ITipTiltMirror? driver;
    private IAsyncDisposable? driverOwner;
    private string? lostBecause;

    private ProfileMirror(DeviceEntry entry, IDeviceBusFactory factory, TimeSpan openTimeout)
    {
        this.entry = entry;
        this.factory = factory;
        this.openTimeout = openTimeout;
    }

    /// <summary>The profile entry.</summary>
    public DeviceEntry Entry => entry;

    /// <inheritdoc/>
    public string Identity { get; private set; } = "";

    /// <inheritdoc/>
    public TipTiltRange RangeMicroradians { get; private set; }

    /// <summary>True while the device is connected and has not failed since.</summary>
    public bool InUse => lostBecause is null && driver is not null;

    /// <summary>How many times the device was opened again after a failure.</summary>
    public int Reconnections { get; private set; }

    /// <summary>Opens the entry's buses and connects its driver.</summary>
    /// <exception cref="DeviceBusException">The bus could not be opened.</exception>
    /// <exception cref="PiE727Exception">The E-727 did not answer as one (identity, units, servo).</exception>
    public static async Task<ProfileMirror> OpenAsync(DeviceEntry entry, IDeviceBusFactory factory, TimeSpan openTimeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(factory);
        if (entry.Function != DeviceFunction.FineMirror || entry.Kind is not (DeviceKind.PiE727 or DeviceKind.AnalogFsm))
        {
            throw new ArgumentException($"{entry.Id}: not a fine mirror of kind pi-e727 or analog-fsm", nameof(entry));
        }

        var mirror = new ProfileMirror(entry, factory, openTimeout);
        await mirror.ConnectAsync(cancellationToken).ConfigureAwait(false);
        mirror.RangeMicroradians = mirror.driver!.RangeMicroradians;
        return mirror;
    }

    /// <inheritdoc/>
    public ValueTask MoveAsync(double xMicroradians, double yMicroradians, CancellationToken cancellationToken = default)
    {
        ITipTiltMirror device = Current();
        ValueTask move;
        try
        {
            move = device.MoveAsync(xMicroradians, yMicroradians, cancellationToken);
        }
        catch (Exception error) when (error is not ArgumentOutOfRangeException)
        {
            MarkLost(error.Message);
            throw;
        }

        return move.IsCompletedSuccessfully ? default : AwaitMove(move);
    }

    /// <inheritdoc/>
    public ValueTask<TipTiltPosition> ReadPositionAsync(CancellationToken cancellationToken = default)
    {
        ITipTiltMirror device = Current();
        ValueTask<TipTiltPosition> read;
        try
        {
            read = device.ReadPositionAsync(cancellationToken);
        }
        catch (Exception error)
        {
            MarkLost(error.Message);
            throw;
        }

        return read.IsCompletedSuccessfully ? read : AwaitRead(read);
    }

    /// <summary>Opens the buses again and connects the driver again (the old ones are closed first).</summary>
    public async ValueTask RecoverAsync(CancellationToken cancellationToken = default)
    {
        await CloseAsync().ConfigureAwait(false);
        await ConnectAsync(cancellationToken).ConfigureAwait(false);
        Reconnections++;
    }

    /// <summary>Takes the device out of use until <see cref="RecoverAsync"/> (a failure seen by whoever read it).</summary>
    public void MarkLost(string why) => lostBecause ??= why;

    /// <inheritdoc/>
    public async ValueTask DisposeAsync() => await CloseAsync().ConfigureAwait(false);

    private ITipTiltMirror Current()
    {
        if (lostBecause is not null || driver is null)
        {
            throw new DeviceBusException($"{entry.Id} ({entry.AddressText}) out of use until it is opened again: {lostBecause ?? "not connected"}");
        }

        return driver;
    }

    private async ValueTask AwaitMove(ValueTask move)
    {
        try
        {
            await move.ConfigureAwait(false);
        }
        catch (Exception error) when (error is not ArgumentOutOfRangeException and not OperationCanceledException)
        {
            MarkLost(error.Message);
            throw;
        }
    }

    private async ValueTask<TipTiltPosition> AwaitRead(ValueTask<TipTiltPosition> read)
    {
        try
        {
            return await read.ConfigureAwait(false);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            MarkLost(error.Message);
            throw;
        }
    }

    private async Task ConnectAsync(CancellationToken cancellationToken)
    {
        DeviceBuses opened = await factory.OpenAsync(entry, openTimeout, cancellationToken).ConfigureAwait(false);
        try
        {
            if (entry.Kind == DeviceKind.PiE727)
            {
                // The loop's moves are fire-and-forget (no ERR? after each MOV: E727T0005's advice at high command rates);
                // the rate group's periodic read-back and the bench's POS? notice a controller that stopped answering.
                var controller = new PiE727Controller(opened.Stream!, $"E-727 {entry.AddressText}", shouldDispose: false, new PiE727Options { CheckErrorAfterCommands = false });
                driverOwner = controller;
                driver = await PiE727Mirror.ConnectAsync(controller, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            else
            {
                var analog = new AnalogSteeringMirror(opened.Spi!, opened.I2c!, shouldDispose: false);
                driverOwner = new DisposeSynchronously(analog);
                driver = analog;
            }
        }
        catch
        {
            await CloseDriverAsync().ConfigureAwait(false);
            await opened.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        buses = opened;
        Identity = $"{driver.Identity} ({entry.Id}, {entry.AddressText})";
        lostBecause = null;
    }

    private async Task CloseAsync()
    {
        await CloseDriverAsync().ConfigureAwait(false);
        if (buses is not null)
        {
            await buses.DisposeAsync().ConfigureAwait(false);
            buses = null;
        }
    }

    private async Task CloseDriverAsync()
    {
        driver = null;
        if (driverOwner is not null)
        {
            try
            {
                await driverOwner.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception error) when (error is IOException or ObjectDisposedException or InvalidOperationException or OperationCanceledException)
            {
                // A driver on a bus whose device is gone may fail to close cleanly; its bus is closed next either way.
            }

            driverOwner = null;
        }
    }

    private sealed class DisposeSynchronously(IDisposable resource) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            resource.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
