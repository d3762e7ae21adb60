using JinanOnboard.Config.Loading;
using JinanOnboard.Devices.Profiles;
using JinanOnboard.Runtime.Hosting;
using JinanOnboard.Runtime.Plan;

namespace JinanOnboard.Firmware.Tests.Plan;

/// <summary>
/// --devices-profile (issue 17): which of a side's devices the firmware opens on a real bus, and the refusals made before
/// anything starts — a device on a real bus moves on its own clock, so the pass must be real time.
/// </summary>
public sealed class DevicesProfileResolverTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("jinan-profile-").FullName;

    [Fact]
    public void The_plates_come_in_the_compensators_order_with_simulated_ones_left_to_the_bench()
    {
        string path = Write("""
            { "devices": [
              { "id": "p-hwp", "role": "payload", "function": "hwp", "kind": "ell14", "serial": "/tmp/jinan-test/ell14", "settings": { "elliptec_address": 2 } },
              { "id": "p-qwp1", "role": "payload", "function": "qwp1", "kind": "ell14", "simulated": true },
              { "id": "o-hwp", "role": "ogs", "function": "ogs-hwp", "kind": "ell14", "serial": "/tmp/jinan-test/ogs", "settings": { "elliptec_address": 0 } }
            ] }
            """);

        DeviceProfile profile = DevicesProfileResolver.Resolve(FirmwareRole.Payload, path, realtime: true)!;

        IReadOnlyList<DeviceEntry?> payload = DevicesProfileResolver.Plates(profile, FirmwareRole.Payload);
        Assert.Equal([null, "p-hwp", null], payload.Select(e => e?.Id));
        Assert.Equal(["o-hwp"], DevicesProfileResolver.Plates(profile, FirmwareRole.Ground).Select(e => e?.Id));
        Assert.Equal([null], DevicesProfileResolver.Plates(null, FirmwareRole.Ground));
    }

    [Fact]
    public void A_mount_on_a_real_line_without_real_time_is_refused_naming_the_device()
    {
        string path = Write("""
            { "devices": [ { "id": "o-hwp", "role": "ogs", "function": "ogs-hwp", "kind": "ell14", "serial": "/tmp/jinan-test/ogs" } ] }
            """);

        var error = Assert.Throws<ConfigurationException>(() => DevicesProfileResolver.Resolve(FirmwareRole.Ground, path, realtime: false));

        Assert.Contains("'o-hwp'", error.Message, StringComparison.Ordinal);
        Assert.Contains("--realtime", error.Message, StringComparison.Ordinal);
        Assert.NotNull(DevicesProfileResolver.Resolve(FirmwareRole.Payload, path, realtime: false)); // the payload opens none of it
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Write(string json)
    {
        string path = Path.Combine(_directory, "bench.json");
        File.WriteAllText(path, json);
        return path;
    }
}
