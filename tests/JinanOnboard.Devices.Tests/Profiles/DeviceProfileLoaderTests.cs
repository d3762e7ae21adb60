using JinanOnboard.Devices.Profiles;

namespace JinanOnboard.Devices.Tests.Profiles;

/// <summary>The shipped HIL profiles load, and every kind of mistake is one line naming the file, the device and the key.</summary>
public sealed class DeviceProfileLoaderTests
{
    private const string Source = "hil/profiles/t.json";

    [Theory]
    [InlineData("all-simulated", 7)]
    [InlineData("simulators-as-processes", 7)]
    [InlineData("rpi-bench", 7)]
    [InlineData("pc-ft4222", 7)]
    public void Every_shipped_profile_loads(string name, int devices)
    {
        DeviceProfile profile = DeviceProfileLoader.Load(name);

        Assert.Equal(name, profile.Name);
        Assert.Equal(devices, profile.Devices.Count);
        Assert.Contains(name, DeviceProfileLoader.AvailableNames());
    }

    [Fact]
    public void The_raspberry_pi_profile_names_the_pis_buses()
    {
        DeviceProfile profile = DeviceProfileLoader.Load("rpi-bench");

        DeviceEntry fsm = profile.Devices.Single(d => d.Id == "payload-fsm");
        Assert.Equal(new SpiAddress(BusAdapter.Native, 0, 0, 0), fsm.Spi);
        Assert.Equal(new I2cAddress(BusAdapter.Native, 0, 1), fsm.I2c);
        Assert.Equal(0x48, fsm.Settings.AdcI2cAddress);
        DeviceEntry tdc = profile.Devices.Single(d => d.Kind == DeviceKind.Tdc7200);
        Assert.Equal(new GpioAddress(BusAdapter.Native, 0, 25), tdc.Gpio);
        Assert.Equal("/dev/spidev0.1 gpio:25", tdc.AddressText);
        Assert.Equal(new TcpAddress("192.168.1.50", 50000), profile.Devices.Single(d => d.Kind == DeviceKind.PiE727).Tcp);
        Assert.Equal([1, 2, 3], profile.Devices.Where(d => d.Role == DeviceRole.Payload && d.Kind == DeviceKind.Ell14).Select(d => d.Settings.ElliptecAddress));
        Assert.All(profile.Devices.Where(d => d.Kind == DeviceKind.Ell14), d => Assert.Equal(9600, d.Settings.BaudRateFor(d.Kind)));
    }

    [Fact]
    public void The_ft4222_profile_puts_spi_i2c_and_intb_on_the_adapter()
    {
        DeviceProfile profile = DeviceProfileLoader.Load("pc-ft4222");

        DeviceEntry tdc = profile.Devices.Single(d => d.Kind == DeviceKind.Tdc7200);
        Assert.Equal(new SpiAddress(BusAdapter.Ft4222, 0, 0, 1), tdc.Spi);
        Assert.Equal(new GpioAddress(BusAdapter.Ft4222, 0, 2), tdc.Gpio);
        Assert.Equal(new I2cAddress(BusAdapter.Ft4222, 0, 0), profile.Devices.Single(d => d.Kind == DeviceKind.AnalogFsm).I2c);
    }

    public static TheoryData<string, string> Mistakes => new()
    {
        { """{ "devices": [ { "id": "m", "role": "payload", "function": "fine-mirror", "kind": "analog-fsm", "spi": "/dev/spidev0.0" } ] }""",
          "device 'm': key 'i2c': required for a real analog-fsm (or \"simulated\": true)" },
        { """{ "devices": [ { "id": "m", "role": "payload", "function": "fine-mirror", "kind": "pi-e727", "simulated": true, "tcp": "tcp://10.0.0.1:50000" } ] }""",
          "device 'm': key 'tcp': a simulated device has no address (remove it or set \"simulated\": false)" },
        { """{ "devices": [ { "id": "m", "role": "payload", "function": "fine-mirror", "kind": "pi-e727", "tcp": "tcp://10.0.0.1:50000", "serial": "/dev/ttyUSB0" } ] }""",
          "device 'm': key 'tcp': a real pi-e727 needs exactly one of tcp or serial (or \"simulated\": true)" },
        { """{ "devices": [ { "id": "w", "role": "ogs", "function": "tdc", "kind": "ell14", "simulated": true } ] }""",
          "device 'w': key 'function': kind ell14 cannot be the tdc" },
        { """{ "devices": [ { "id": "w", "role": "ogs", "function": "ogs-hwp", "kind": "ell14", "serial": "/dev/ttyUSB0", "settings": { "elliptec_address": 16 } } ] }""",
          "device 'w': key 'settings.elliptec_address': expected a number from 0 to 15, got 16" },
        { """{ "devices": [ { "id": "w", "role": "ground", "function": "ogs-hwp", "kind": "ell14", "simulated": true } ] }""",
          "device 'w': key 'role': expected one of payload, ogs, got \"ground\"" },
        { """{ "devices": [ { "id": "t", "role": "ogs", "function": "tdc", "kind": "tdc7200", "spi": "/dev/spidev0.1", "gpio": "ft4222:0/gpio2" } ] }""",
          "device 't': key 'gpio': INTB (ft4222:0/gpio2) must be on the same host or adapter as the SPI device (/dev/spidev0.1)" },
        { """{ "devices": [ { "id": "t", "role": "ogs", "function": "tdc", "kind": "tdc7200", "simulated": true, "speed": 3 } ] }""",
          "device 't': key 'speed': unknown (expected one of id, role, function, kind, simulated, spi, i2c, gpio, serial, tcp, settings)" },
        { """{ "devices": [ { "id": "e", "role": "ogs", "function": "fine-mirror", "kind": "pi-e727", "tcp": "tcp://10.0.0.1:0" } ] }""",
          "device 'e': key 'tcp': expected tcp://HOST:PORT, got \"tcp://10.0.0.1:0\"" },
        { """{ "devices": [ { "id": "a", "role": "ogs", "function": "tdc", "kind": "tdc7200", "simulated": true }, { "id": "a", "role": "ogs", "function": "tdc", "kind": "tdc7200", "simulated": true } ] }""",
          "device 'a': key 'id': used twice" },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public void A_mistake_is_one_line_naming_the_file_the_device_and_the_key(string json, string expected)
    {
        DeviceProfileException error = Assert.Throws<DeviceProfileException>(() => DeviceProfileLoader.Parse(json, Source, "t"));

        Assert.Equal($"{Source}: {expected}", error.Message);
    }

    [Fact]
    public void An_unknown_name_lists_the_profiles_there_are()
    {
        DeviceProfileException error = Assert.Throws<DeviceProfileException>(() => DeviceProfileLoader.Load("no-such-bench"));

        Assert.EndsWith("no profile 'no-such-bench' (available: all-simulated, pc-ft4222, rpi-bench, simulators-as-processes)", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/dev/spidev10.2", true)]
    [InlineData("ft232h:1/cs3", true)]
    [InlineData("/dev/spidev0", false)]
    [InlineData("spi0.0", false)]
    public void Spi_addresses_parse_only_in_their_formats(string text, bool valid)
    {
        SpiAddress? address = SpiAddress.TryParse(text);

        Assert.Equal(valid, address is not null);
        if (address is not null)
        {
            Assert.Equal(text, address.ToString());
        }
    }
}
