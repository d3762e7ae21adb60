using JinanOnboard.Devices.Mirrors;
using JinanOnboard.Devices.Mirrors.AnalogFsm;
using JinanOnboard.Devices.Mirrors.PiE727;
using JinanOnboard.Devices.Tdc7200;
using JinanOnboard.Devices.Waveplates.Elliptec;

namespace JinanOnboard.Devices.Profiles;

/// <summary>What one device said when probed.</summary>
/// <param name="Id">The profile entry.</param>
/// <param name="Kind">Its kind, as the profile names it.</param>
/// <param name="Address">Where it is (<c>simulated</c> or its addresses).</param>
/// <param name="Answered">True when the device answered its identity query.</param>
/// <param name="Identity">Model and serial number, or what the read-back showed; empty when no answer.</param>
/// <param name="Firmware">Firmware version where the device has one; <c>-</c> for a part without firmware.</param>
/// <param name="Error">Why it failed, one line; null when it answered correctly.</param>
public sealed record DeviceProbeResult(string Id, string Kind, string Address, bool Answered, string Identity, string Firmware, string? Error)
{
    /// <summary>True when the device answered and what it said is right.</summary>
    public bool Ok => Answered && Error is null;
}

/// <summary>
/// Asks each device who it is, over buses opened by an <see cref="IDeviceBusFactory"/>: E-727 <c>*IDN?</c>; ELL14
/// <c>in</c> (serial, firmware, year); TDC7200 register write/read-back; analog FSM: the ADS1115 register echo, then
/// the mirror commanded to centre through the AD5328 and read back through the ADS1115 (the DAC-to-ADC chain agrees).
/// Every failure becomes one line in the result; nothing is thrown but cancellation.
/// </summary>
public sealed class DeviceProbe(IDeviceBusFactory buses, TimeSpan timeout)
{
    /// <summary>
    /// Largest disagreement between the commanded centre and the read-back of an analog FSM: four DAC steps (12.8 µrad
    /// each with the default chain, AnalogFsm README "Calibration"). Assumed; a real board's offsets may need more.
    /// </summary>
    public const double AnalogReadBackToleranceMicroradians = 51.2;

    /// <summary>Time the analog mirror gets to settle before the read-back (FSM-300 small-signal bandwidth ~800 Hz: a few ms).</summary>
    private static readonly TimeSpan AnalogSettle = TimeSpan.FromMilliseconds(30);

    /// <summary>Probes every device of <paramref name="profile"/> in file order.</summary>
    public async Task<IReadOnlyList<DeviceProbeResult>> ProbeAllAsync(DeviceProfile profile, CancellationToken cancellationToken = default)
    {
        var results = new List<DeviceProbeResult>();
        foreach (DeviceEntry entry in profile.Devices)
        {
            results.Add(await ProbeAsync(entry, cancellationToken).ConfigureAwait(false));
        }

        return results;
    }

    /// <summary>Opens <paramref name="entry"/>'s buses, asks its identity within the timeout, closes the buses.</summary>
    public async Task<DeviceProbeResult> ProbeAsync(DeviceEntry entry, CancellationToken cancellationToken = default)
    {
        string kind = KindRules.KindName(entry.Kind);
        DeviceProbeResult NoAnswer(string why) => new(entry.Id, kind, entry.AddressText, false, "", "", "no answer: " + why);

        DeviceBuses opened;
        try
        {
            opened = await buses.OpenAsync(entry, timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (DeviceBusException error)
        {
            return NoAnswer(error.Message);
        }

        await using (opened.ConfigureAwait(false))
        {
            // Synchronous bus calls (SPI, I2C) run off the caller's thread so a wedged adapter cannot outlast the timeout.
            Task<(string Identity, string Firmware)> identify = Task.Run(() => IdentifyAsync(entry, opened, cancellationToken), cancellationToken);
            try
            {
                (string identity, string firmware) = await identify.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
                return new DeviceProbeResult(entry.Id, kind, entry.AddressText, true, identity, firmware, null);
            }
            catch (TimeoutException)
            {
                return NoAnswer($"nothing within {timeout.TotalMilliseconds:0} ms");
            }
            catch (WrongDeviceException error)
            {
                return new DeviceProbeResult(entry.Id, kind, entry.AddressText, true, error.Identity, error.Firmware, error.Message);
            }
            catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                return NoAnswer(HardwareBusFactory.OneLine(error));
            }
        }
    }

    private async Task<(string Identity, string Firmware)> IdentifyAsync(DeviceEntry entry, DeviceBuses opened, CancellationToken cancellationToken)
    {
        switch (entry.Kind)
        {
            case DeviceKind.PiE727:
                return await IdentifyE727Async(entry, opened.Stream!, cancellationToken).ConfigureAwait(false);
            case DeviceKind.Ell14:
                return await IdentifyEll14Async(entry, opened.Stream!, cancellationToken).ConfigureAwait(false);
            case DeviceKind.Tdc7200:
                return IdentifyTdc(entry, opened);
            default:
                return await IdentifyAnalogFsmAsync(opened, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<(string, string)> IdentifyE727Async(DeviceEntry entry, Stream stream, CancellationToken cancellationToken)
    {
        // One attempt per third of the timeout, so the retries fit inside it.
        var options = new PiE727Options { ReplyTimeout = timeout / 3, QueryRetryAttempts = 1 };
        await using var controller = new PiE727Controller(stream, $"E-727 {entry.AddressText}", shouldDispose: false, options);
        string idn = await controller.IdentifyAsync(cancellationToken).ConfigureAwait(false);
        // E727T0005 "*IDN?": "(c)year Physik Instrumente (PI) GmbH & Co. KG, model, serial number, firmware version".
        string[] fields = idn.Split(',', StringSplitOptions.TrimEntries);
        if (fields.Length < 4 || !fields[^3].Contains("E-727", StringComparison.Ordinal))
        {
            throw new WrongDeviceException($"*IDN? answered '{idn}', not an E-727", idn, "");
        }

        return ($"PI {fields[^3]} s/n {fields[^2]}", fields[^1]);
    }

    private async Task<(string, string)> IdentifyEll14Async(DeviceEntry entry, Stream stream, CancellationToken cancellationToken)
    {
        var options = new ElliptecBusOptions { ReplyTimeout = timeout / 3, RetryAttempts = 1, RetryDelay = TimeSpan.FromMilliseconds(10) };
        await using var bus = new ElliptecBus(stream, options, shouldDispose: false);
        ElliptecDeviceInfo info = await Ell14Rotator.ProbeAsync(bus, entry.Settings.ElliptecAddress, cancellationToken).ConfigureAwait(false);
        string identity = $"Thorlabs ELL{info.ModuleType} s/n {info.SerialNumber} ({info.Year}) at address {info.Address:X1}";
        string firmware = $"0x{info.FirmwareRelease:X2}";
        if (info.ModuleType != ElliptecDeviceInfo.Ell14ModuleType)
        {
            throw new WrongDeviceException($"module type {info.ModuleType} answered, expected ELL14", identity, firmware);
        }

        return (identity, firmware);
    }

    private static (string, string) IdentifyTdc(DeviceEntry entry, DeviceBuses opened)
    {
        using var tdc = new Tdc7200Device(opened.Spi!, opened.Gpio!, opened.InterruptPin, entry.Settings.TdcClockHz, $"TDC7200 {entry.AddressText}", shouldDispose: false);
        tdc.VerifyPresent();
        byte config2 = tdc.ReadRegister(Tdc7200Register.Config2);
        return ($"TDC7200 (stop-mask registers read back; CONFIG2 0x{config2:X2}, INTB gpio {opened.InterruptPin})", "-");
    }

    private static async Task<(string, string)> IdentifyAnalogFsmAsync(DeviceBuses opened, CancellationToken cancellationToken)
    {
        ushort config = AnalogSteeringMirror.ProbeAdc(opened.I2c!);
        using var mirror = new AnalogSteeringMirror(opened.Spi!, opened.I2c!, shouldDispose: false);
        await mirror.MoveAsync(0, 0, cancellationToken).ConfigureAwait(false);
        await Task.Delay(AnalogSettle, cancellationToken).ConfigureAwait(false);
        TipTiltPosition read = await mirror.ReadPositionAsync(cancellationToken).ConfigureAwait(false);
        double offset = Math.Max(Math.Abs(read.XMicroradians), Math.Abs(read.YMicroradians));
        string identity = $"AD5328 -> ADS1115 (config 0x{config:X4}): centre read back at ({read.XMicroradians:F1}, {read.YMicroradians:F1}) urad";
        if (mirror.IsFaulted || offset > AnalogReadBackToleranceMicroradians)
        {
            throw new WrongDeviceException($"DAC and ADC disagree: centre read back {offset:F1} urad off (limit {AnalogReadBackToleranceMicroradians} urad)", identity, "-");
        }

        return (identity, "-");
    }

    /// <summary>The device answered, but not as the profile's kind should.</summary>
    private sealed class WrongDeviceException(string message, string identity, string firmware) : Exception(message)
    {
        public string Identity { get; } = identity;

        public string Firmware { get; } = firmware;
    }
}
