using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using JinanOnboard.Cli.Bench;
using JinanOnboard.Cli.Devices;
using JinanOnboard.Control.Configuration;
using JinanOnboard.Devices.Profiles;
using JinanOnboard.Physics.Parameters;
using static JinanOnboard.Cli.Commands.OrbitCliSupport;

namespace JinanOnboard.Cli.Commands;

/// <summary>
/// `jinan devices serve --profile NAME`: every device of a profile that has a TCP or serial address, simulated in this one
/// process behind that address (a TCP port; a socat pty pair whose first end is linked at the profile's serial path), so
/// the firmware reaches them exactly as real controllers, and a test can kill them all at once.
/// </summary>
internal static partial class CommandCatalog
{
    private static Command CreateServeCommand()
    {
        var command = new Command("serve", "Serve every TCP or serial device of a profile from simulators in this process, until Ctrl-C or SIGTERM (then exit 0).");
        var profile = new Option<string>("--profile") { Description = "Profile name (hil/profiles/NAME.json) or path; a tcp port 0 picks a free port.", Required = true };
        var json = new Option<bool>("--json") { Description = "One JSON object per line: each device served, then {\"serving\": N}." };
        var writeProfile = new Option<string?>("--write-profile") { Description = "Write the profile with the ports actually listened on to FILE (for --devices-profile when the profile asks for port 0)." };
        var physics = new Option<string>("--physics") { Description = "Physics set (name or JSON path) whose apt.payload/apt.ogs FSM range, resonance and damping the served E-727s' mirrors have (default jinan1).", DefaultValueFactory = _ => "jinan1" };
        foreach (Option option in new Option[] { profile, json, writeProfile, physics })
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, cancellationToken) => RunServeAsync(parse.GetValue(profile)!, parse.GetValue(json), parse.GetValue(writeProfile), parse.GetValue(physics)!, cancellationToken));
        return command;
    }

    private static async Task<int> RunServeAsync(string profileName, bool json, string? writeProfile, string physicsName, CancellationToken stop)
    {
        AptSettings apt;
        try
        {
            apt = AptSettingsReader.Read(LoadConfig(physicsName));
        }
        catch (ParameterSetException error)
        {
            throw new UserErrorException(error.Message);
        }

        // Each end's mirror as the bench models it in process, so a loop tuned for that plant meets the same plant here.
        MirrorSettings PlantOf(DeviceEntry entry) => (entry.Role == DeviceRole.Payload ? apt.Payload : apt.Ogs).Fine.Mirror;

        DeviceProfile profile;
        try
        {
            profile = DeviceProfileLoader.Load(profileName, allowAnyPort: true);
        }
        catch (DeviceProfileException error)
        {
            throw new UserErrorException(error.Message);
        }

        var running = new List<IAsyncDisposable>();
        var ptys = new List<SocatPtyPair>();
        var lines = new List<(DeviceEntry Entry, string Address, string ServedOn)>();
        var e727s = new List<(string Id, SimulatorHost.Served Served)>();
        try
        {
            foreach (DeviceEntry entry in profile.Devices.Where(e => !e.Simulated && e.Tcp is not null))
            {
                SimulatorHost.Served served = SimulatorHost.ServeE727OnTcp(entry.Tcp!, $"device '{entry.Id}': tcp", PlantOf(entry));
                running.Add(served);
                e727s.Add((entry.Id, served));
                lines.Add((entry, served.Address, served.Address));
            }

            // Entries on one serial path share its line: an Elliptec bus with a module per address, or one E-727.
            foreach (IGrouping<string, DeviceEntry> line in profile.Devices.Where(e => !e.Simulated && e.Serial is not null).GroupBy(e => e.Serial!.PortName))
            {
                DeviceEntry first = line.First();
                if (line.Any(e => e.Kind != first.Kind) || (first.Kind == DeviceKind.PiE727 && line.Count() > 1))
                {
                    throw new UserErrorException($"{profile.SourcePath}: serial {line.Key}: {string.Join(", ", line.Select(e => e.Id))} cannot share one line (one E-727, or ELL14s only)");
                }

                SocatPtyPair pair = await SocatPtyPair.StartAsync(stop, PrepareLink(line.Key));
                ptys.Add(pair);
                SimulatorHost.Served served = SimulatorHost.ServeOnSerial(first.Kind, pair.Second, [.. line.Select(e => e.Settings.ElliptecAddress)], $"device '{first.Id}': serial", PlantOf(first));
                running.Add(served);
                lines.AddRange(line.Select(e => (e, line.Key, served.Address)));
            }

            if (lines.Count == 0)
            {
                throw new UserErrorException($"{profile.SourcePath}: no device with a tcp or serial address to serve");
            }

            foreach (DeviceEntry unserved in profile.Devices.Where(e => !e.Simulated && e.Tcp is null && e.Serial is null))
            {
                Console.Error.WriteLine($"jinan devices serve: {unserved.Id} ({unserved.AddressText}) not served: only TCP and serial devices are simulated behind real addresses");
            }

            if (writeProfile is not null)
            {
                WriteServedProfile(profile, lines.Where(l => l.Entry.Tcp is not null).ToDictionary(l => l.Entry.Id, l => l.Address), writeProfile);
            }

            foreach ((DeviceEntry entry, string address, string servedOn) in lines)
            {
                string kind = entry.Kind == DeviceKind.PiE727 ? "pi-e727" : "ell14";
                Announce(json
                    ? JsonSerializer.Serialize(new { device = entry.Id, kind, address, served_on = servedOn })
                    : $"{entry.Id}  {kind}  {address}{(servedOn == address ? "" : $"  (simulator on {servedOn})")}");
            }

            Announce(json ? JsonSerializer.Serialize(new { serving = lines.Count }) : $"serving {lines.Count} device(s) until Ctrl-C or SIGTERM");
            await WaitForStopAsync(stop);
        }
        finally
        {
            for (int i = running.Count - 1; i >= 0; i--)
            {
                await running[i].DisposeAsync();
            }

            ptys.ForEach(p => p.Dispose());
        }

        foreach ((string id, SimulatorHost.Served served) in e727s)
        {
            // What the firmware sent, for a test or an operator checking that the pass drove the device.
            Console.Error.WriteLine($"jinan devices serve: {id}: {served.E727!.LinesReceived} GCS command lines received");
        }

        Console.Error.WriteLine("jinan devices serve: stopped");
        return ExitCodes.Ok;
    }

    /// <summary>The directory of a pty link is made; a stale link from a killed run goes; a real device there is refused.</summary>
    private static string PrepareLink(string path)
    {
        var file = new FileInfo(path);
        if (file.LinkTarget is not null)
        {
            file.Delete();
        }
        else if (file.Exists || path.StartsWith("/dev/", StringComparison.Ordinal))
        {
            throw new UserErrorException($"serial {path}: a real port or file is there; serve links its pty at a free path (e.g. /tmp/jinan-hil/NAME)");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }

    /// <summary>The profile file again, each served TCP entry's address replaced by the one actually listened on.</summary>
    private static void WriteServedProfile(DeviceProfile profile, Dictionary<string, string> tcpById, string path)
    {
        JsonNode root = JsonNode.Parse(File.ReadAllText(profile.SourcePath), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })!;
        foreach (JsonNode? device in root["devices"]!.AsArray())
        {
            if (device?["id"]?.GetValue<string>() is { } id && tcpById.TryGetValue(id, out string? address))
            {
                device["tcp"] = address;
            }
        }

        try
        {
            File.WriteAllText(path, root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new UserErrorException($"--write-profile {path}: {error.Message}");
        }
    }
}
