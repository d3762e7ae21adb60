using JinanOnboard.Config.Loading;
using JinanOnboard.Devices.Profiles;

namespace JinanOnboard.Runtime.Plan;

/// <summary>
/// --devices-profile: loads the HIL profile and checks what this side would open before anything listens or connects.
/// A fine mirror on a real bus (another process, or hardware) moves on its own clock, so a pass that uses one must run
/// in real time.
/// </summary>
public static class DevicesProfileResolver
{
    /// <summary>The kinds a side's fine mirror may be on a real bus.</summary>
    private static readonly DeviceKind[] MirrorKinds = [DeviceKind.PiE727, DeviceKind.AnalogFsm];

    /// <summary>The profile, or null without the option.</summary>
    /// <exception cref="ConfigurationException">A bad profile, a fine mirror of a kind that is not a mirror, or a real mirror without real time.</exception>
    public static DeviceProfile? Resolve(Hosting.FirmwareRole role, string? nameOrPath, bool realtime)
    {
        if (nameOrPath is null)
        {
            return null;
        }

        DeviceProfile profile;
        try
        {
            profile = DeviceProfileLoader.Load(nameOrPath);
        }
        catch (DeviceProfileException error)
        {
            throw new ConfigurationException($"--devices-profile: {error.Message}");
        }

        if (FineMirror(profile, role) is { } mirror)
        {
            if (!MirrorKinds.Contains(mirror.Kind))
            {
                throw new ConfigurationException($"--devices-profile {profile.SourcePath}: device '{mirror.Id}': a fine mirror must be pi-e727 or analog-fsm");
            }

            if (!realtime)
            {
                throw new ConfigurationException($"--devices-profile {profile.SourcePath}: device '{mirror.Id}' ({mirror.AddressText}) moves in real time, so the pass must too: add --realtime (or pass.realtime = true)");
            }
        }

        foreach (DeviceEntry plate in Plates(profile, role).OfType<DeviceEntry>())
        {
            if (plate.Kind != DeviceKind.Ell14 || plate.Serial is null)
            {
                throw new ConfigurationException($"--devices-profile {profile.SourcePath}: device '{plate.Id}': a waveplate mount must be an ell14 on a serial line");
            }

            if (!realtime)
            {
                throw new ConfigurationException($"--devices-profile {profile.SourcePath}: device '{plate.Id}' ({plate.AddressText}) turns in real time, so the pass must too: add --realtime (or pass.realtime = true)");
            }
        }

        return profile;
    }

    /// <summary>The OGS half-wave plate when the profile puts it on a real bus, else null (the bench simulates it).</summary>
    public static DeviceEntry? OgsHalfWave(DeviceProfile? profile) => Plates(profile, Hosting.FirmwareRole.Ground)[0];

    /// <summary>
    /// The side's waveplate mounts the profile puts on a real bus, in the compensator's order (payload: QWP 1, HWP, QWP 2;
    /// OGS: its HWP), null where the bench simulates the mount.
    /// </summary>
    public static IReadOnlyList<DeviceEntry?> Plates(DeviceProfile? profile, Hosting.FirmwareRole role)
    {
        DeviceFunction[] functions = role == Hosting.FirmwareRole.Payload
            ? [DeviceFunction.Qwp1, DeviceFunction.Hwp, DeviceFunction.Qwp2]
            : [DeviceFunction.OgsHwp];
        DeviceRole wanted = role == Hosting.FirmwareRole.Payload ? DeviceRole.Payload : DeviceRole.Ogs;
        return [.. functions.Select(f => profile?.Devices.FirstOrDefault(e => e.Role == wanted && e.Function == f && !e.Simulated))];
    }

    /// <summary>The side's fine mirror when the profile puts it on a real bus, else null (the bench simulates it).</summary>
    public static DeviceEntry? FineMirror(DeviceProfile? profile, Hosting.FirmwareRole role)
    {
        DeviceRole wanted = role == Hosting.FirmwareRole.Payload ? DeviceRole.Payload : DeviceRole.Ogs;
        return profile?.Devices.FirstOrDefault(e => e.Role == wanted && e.Function == DeviceFunction.FineMirror && !e.Simulated);
    }
}
