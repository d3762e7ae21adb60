using System.Text.Json;

namespace JinanOnboard.Devices.Profiles;

/// <summary>
/// Reads a profile from <c>hil/profiles/NAME.json</c> (found by walking up from the working directory and from the
/// program, as configs/ is) or from a path, and checks every entry against its kind: each error is one line naming the
/// file, the device and the key.
/// </summary>
public static class DeviceProfileLoader
{
    /// <summary>The profiles folder inside the repository.</summary>
    public const string ProfilesFolder = "hil/profiles";

    private static readonly string[] EntryKeys = ["id", "role", "function", "kind", "simulated", "spi", "i2c", "gpio", "serial", "tcp", "settings"];
    private static readonly string[] SettingKeys = ["adc_i2c_address", "spi_clock_hz", "elliptec_address", "baud_rate", "tdc_clock_hz"];

    /// <summary>Loads a profile by name (<c>rpi-bench</c>) or path (<c>out/x.json</c>, anything with a slash or .json).</summary>
    /// <param name="nameOrPath">The name or path.</param>
    /// <param name="allowAnyPort">Accept TCP port 0 ("pick one"): for a process that serves the profile's devices, not one that connects to them.</param>
    /// <exception cref="DeviceProfileException">Missing file, bad JSON or a bad entry.</exception>
    public static DeviceProfile Load(string nameOrPath, bool allowAnyPort = false)
    {
        bool isPath = nameOrPath.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || nameOrPath.Contains('/') || nameOrPath.Contains('\\');
        string path = isPath ? nameOrPath : FindNamed(nameOrPath);
        if (!File.Exists(path))
        {
            throw new DeviceProfileException($"{path}: no such profile file");
        }

        string text = File.ReadAllText(path);
        return Parse(text, path, Path.GetFileNameWithoutExtension(path), allowAnyPort);
    }

    /// <summary>The names of the profiles in the repository's hil/profiles, sorted.</summary>
    public static IReadOnlyList<string> AvailableNames()
    {
        string? folder = FindProfilesFolder();
        return folder is null ? [] : Directory.GetFiles(folder, "*.json").Select(Path.GetFileNameWithoutExtension).OfType<string>().Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>Parses and validates a profile's JSON; <paramref name="source"/> names it in errors.</summary>
    public static DeviceProfile Parse(string json, string source, string name, bool allowAnyPort = false)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException error)
        {
            throw new DeviceProfileException($"{source}: not valid JSON (line {error.LineNumber + 1}): {FirstLine(error.Message)}");
        }

        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new DeviceProfileException($"{source}: expected a JSON object with \"devices\"");
            }

            foreach (JsonProperty property in root.EnumerateObject())
            {
                if (property.Name is not ("description" or "devices"))
                {
                    throw new DeviceProfileException($"{source}: key '{property.Name}': unknown (expected description, devices)");
                }
            }

            string description = root.TryGetProperty("description", out JsonElement d) && d.ValueKind == JsonValueKind.String ? d.GetString()! : "";
            if (!root.TryGetProperty("devices", out JsonElement devices) || devices.ValueKind != JsonValueKind.Array || devices.GetArrayLength() == 0)
            {
                throw new DeviceProfileException($"{source}: key 'devices': expected a non-empty array of device entries");
            }

            var entries = new List<DeviceEntry>();
            int index = 0;
            foreach (JsonElement element in devices.EnumerateArray())
            {
                DeviceEntry entry = ParseEntry(element, source, index++, allowAnyPort);
                if (entries.Any(e => e.Id == entry.Id))
                {
                    throw new DeviceProfileException($"{source}: device '{entry.Id}': key 'id': used twice");
                }

                entries.Add(entry);
            }

            return new DeviceProfile(name, source, description, entries);
        }
    }

    private static DeviceEntry ParseEntry(JsonElement element, string source, int index, bool allowAnyPort)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new DeviceProfileException($"{source}: devices[{index}]: expected an object");
        }

        string id = element.TryGetProperty("id", out JsonElement idElement) && idElement.ValueKind == JsonValueKind.String && idElement.GetString()!.Length > 0
            ? idElement.GetString()!
            : throw new DeviceProfileException($"{source}: devices[{index}]: key 'id': required, a non-empty string");
        var reader = new EntryReader(element, $"{source}: device '{id}'");
        reader.RejectUnknown(EntryKeys);

        DeviceRole role = reader.Choice("role", required: true, ("payload", DeviceRole.Payload), ("ogs", DeviceRole.Ogs));
        DeviceFunction function = reader.Choice("function", required: true,
            ("fine-mirror", DeviceFunction.FineMirror), ("qwp1", DeviceFunction.Qwp1), ("hwp", DeviceFunction.Hwp),
            ("qwp2", DeviceFunction.Qwp2), ("ogs-hwp", DeviceFunction.OgsHwp), ("tdc", DeviceFunction.Tdc));
        DeviceKind kind = reader.Choice("kind", required: true,
            ("analog-fsm", DeviceKind.AnalogFsm), ("pi-e727", DeviceKind.PiE727), ("ell14", DeviceKind.Ell14), ("tdc7200", DeviceKind.Tdc7200));
        bool simulated = reader.Boolean("simulated");

        SpiAddress? spi = reader.Address("spi", SpiAddress.TryParse, SpiAddress.Formats);
        I2cAddress? i2c = reader.Address("i2c", I2cAddress.TryParse, I2cAddress.Formats);
        GpioAddress? gpio = reader.Address("gpio", GpioAddress.TryParse, GpioAddress.Formats);
        SerialAddress? serial = reader.Address("serial", SerialAddress.TryParse, SerialAddress.Formats);
        TcpAddress? tcp = reader.Address("tcp", text => TcpAddress.TryParse(text, allowAnyPort), TcpAddress.Formats);
        DeviceSettings settings = ParseSettings(reader);

        KindRules.Check(reader.Where, kind, function, simulated, spi, i2c, gpio, serial, tcp, settings);
        return new DeviceEntry(id, role, function, kind, simulated, spi, i2c, gpio, serial, tcp, settings);
    }

    private static DeviceSettings ParseSettings(EntryReader entry)
    {
        if (!entry.Element.TryGetProperty("settings", out JsonElement element))
        {
            return new DeviceSettings();
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new DeviceProfileException($"{entry.Where}: key 'settings': expected an object");
        }

        var reader = new EntryReader(element, entry.Where, "settings.");
        reader.RejectUnknown(SettingKeys);
        var defaults = new DeviceSettings();
        return new DeviceSettings(
            AdcI2cAddress: (int)reader.Number("adc_i2c_address", 0x48, 0x4B, defaults.AdcI2cAddress),
            SpiClockHz: (int)reader.Number("spi_clock_hz", 10_000, 30_000_000, defaults.SpiClockHz),
            ElliptecAddress: (int)reader.Number("elliptec_address", 0, 15, defaults.ElliptecAddress),
            BaudRate: (int)reader.Number("baud_rate", 1200, 921_600, defaults.BaudRate),
            TdcClockHz: reader.Number("tdc_clock_hz", 1e6, 16e6, defaults.TdcClockHz));
    }

    private static string FindNamed(string name)
    {
        string? folder = FindProfilesFolder();
        if (folder is null)
        {
            throw new DeviceProfileException($"{ProfilesFolder}/{name}.json: no {ProfilesFolder} folder above the working directory or the program; pass a path instead");
        }

        string path = Path.Combine(folder, name + ".json");
        if (!File.Exists(path))
        {
            throw new DeviceProfileException($"{path}: no profile '{name}' (available: {string.Join(", ", AvailableNames())})");
        }

        return path;
    }

    private static string? FindProfilesFolder()
    {
        foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (DirectoryInfo? directory = new(start); directory is not null; directory = directory.Parent)
            {
                string candidate = Path.Combine(directory.FullName, ProfilesFolder);
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    private static string FirstLine(string text) => text.Split('\n')[0].Trim();
}
