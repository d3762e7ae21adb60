using System.CommandLine;
using JinanOnboard.Cli.Devices;
using JinanOnboard.Devices.Profiles;

namespace JinanOnboard.Cli.Commands;

/// <summary>
/// `jinan devices probe`: which devices of a HIL profile (hil/profiles/) answer, with identities and firmware.
/// `jinan devices simulate`: one device simulator as its own process, so a probe or a pass can use simulators that are
/// separate processes (and can be killed) exactly as real controllers on TCP or a serial line.
/// </summary>
internal static partial class CommandCatalog
{
    static partial void AddDevices(RootCommand root)
    {
        var devices = new Command("devices", "Hardware-in-the-loop devices: probe a profile's devices, run a device simulator.");
        devices.Subcommands.Add(CreateProbeCommand());
        devices.Subcommands.Add(CreateSimulateCommand());
        devices.Subcommands.Add(CreateServeCommand());
        root.Subcommands.Add(devices);
    }

    private static Command CreateProbeCommand()
    {
        var command = new Command("probe", "Ask each device of a profile who it is; exit 0 when all answer, 1 otherwise.");
        var profile = new Option<string>("--profile") { Description = "Profile name (hil/profiles/NAME.json) or path to a profile file.", Required = true };
        var timeout = new Option<int>("--timeout-ms") { Description = "How long each device gets to open its bus and answer, milliseconds.", DefaultValueFactory = _ => 2000 };
        var json = new Option<bool>("--json") { Description = "Print the results as JSON." };
        foreach (Option option in new Option[] { profile, timeout, json })
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, cancellationToken) => RunProbeAsync(parse.GetValue(profile)!, parse.GetValue(timeout), parse.GetValue(json), cancellationToken));
        return command;
    }

    private static async Task<int> RunProbeAsync(string profileName, int timeoutMs, bool json, CancellationToken cancellationToken)
    {
        if (timeoutMs is < 50 or > 60_000)
        {
            throw new UserErrorException($"--timeout-ms must be from 50 to 60000, got {timeoutMs}.");
        }

        DeviceProfile profile;
        try
        {
            profile = DeviceProfileLoader.Load(profileName);
        }
        catch (DeviceProfileException error)
        {
            throw new UserErrorException(error.Message);
        }

        var probe = new DeviceProbe(new SimulatedBusFactory(), TimeSpan.FromMilliseconds(timeoutMs));
        IReadOnlyList<DeviceProbeResult> results = await probe.ProbeAllAsync(profile, cancellationToken);
        if (json)
        {
            CliJson.Write(new
            {
                profile = profile.Name,
                file = profile.SourcePath,
                all_answered = results.All(r => r.Ok),
                devices = results.Select(r => new { device = r.Id, kind = r.Kind, address = r.Address, answered = r.Answered, ok = r.Ok, identity = r.Identity, firmware = r.Firmware, error = r.Error }),
            });
        }
        else
        {
            Console.WriteLine($"profile {profile.Name} ({Path.GetRelativePath(Directory.GetCurrentDirectory(), profile.SourcePath)}){(profile.Description.Length > 0 ? ": " + profile.Description : "")}");
            ProbeTable.Write(results, Console.Out);
            Console.WriteLine($"{results.Count(r => r.Ok)} of {results.Count} devices answered");
        }

        return results.All(r => r.Ok) ? ExitCodes.Ok : ExitCodes.Failure;
    }

    private static Command CreateSimulateCommand()
    {
        var command = new Command("simulate", "Run one device simulator as its own process until Ctrl-C or SIGTERM (then exit 0).");
        var kind = new Option<string>("--kind") { Description = "pi-e727 (GCS 2.0 E-727 with S-330) or ell14 (Elliptec bus with one ELL14).", Required = true };
        kind.AcceptOnlyFromAmong("pi-e727", "ell14");
        var listen = new Option<string?>("--listen") { Description = "pi-e727: serve on tcp://HOST:PORT (port 0 picks one; the line printed says which)." };
        var serial = new Option<string?>("--serial") { Description = "Serve on this serial device, e.g. one end of a socat pty pair (/dev/pts/N)." };
        var address = new Option<int>("--elliptec-address") { Description = "ell14: the module's bus address, 0-15.", DefaultValueFactory = _ => 0 };
        foreach (Option option in new Option[] { kind, listen, serial, address })
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, cancellationToken) => RunSimulatorAsync(parse.GetValue(kind)!, parse.GetValue(listen), parse.GetValue(serial), parse.GetValue(address), cancellationToken));
        return command;
    }

    private static async Task<int> RunSimulatorAsync(string kind, string? listen, string? serialPath, int elliptecAddress, CancellationToken stop)
    {
        if ((listen is null) == (serialPath is null))
        {
            throw new UserErrorException("give exactly one of --listen tcp://HOST:PORT or --serial PATH.");
        }

        if (kind == "ell14" && listen is not null)
        {
            throw new UserErrorException("an ELL14 bus is a serial line: use --serial PATH (e.g. one end of a socat pty pair).");
        }

        if (elliptecAddress is < 0 or > 15)
        {
            throw new UserErrorException($"--elliptec-address must be 0-15, got {elliptecAddress}.");
        }

        SimulatorHost.Served served;
        if (listen is not null)
        {
            TcpAddress endpoint = TcpAddress.TryParse(listen, allowAnyPort: true)
                ?? throw new UserErrorException($"--listen: expected tcp://IP:PORT (port 0 for any), got '{listen}'.");
            served = SimulatorHost.ServeE727OnTcp(endpoint, "--listen");
        }
        else
        {
            served = SimulatorHost.ServeOnSerial(kind == "ell14" ? DeviceKind.Ell14 : DeviceKind.PiE727, serialPath!, [elliptecAddress], "--serial");
        }

        await using (served)
        {
            Announce(listen is not null ? $"pi-e727 simulator listening on {served.Address}" : $"{kind} simulator on {served.Address}");
            await WaitForStopAsync(stop);
        }

        Console.Error.WriteLine("jinan devices simulate: stopped");
        return ExitCodes.Ok;
    }

    /// <summary>One line on stdout, flushed: a test or script starting the simulator waits for it (and reads the port).</summary>
    private static void Announce(string line)
    {
        Console.Out.WriteLine(line);
        Console.Out.Flush();
    }

    private static async Task WaitForStopAsync(CancellationToken stop)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, stop);
        }
        catch (OperationCanceledException)
        {
            // Ctrl-C or SIGTERM: the simulator's normal end.
        }
    }
}
