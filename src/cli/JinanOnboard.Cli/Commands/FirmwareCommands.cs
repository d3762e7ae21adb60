using System.CommandLine;
using JinanOnboard.Cli.Bench;
using JinanOnboard.Config.Loading;
using JinanOnboard.Config.Model;
using JinanOnboard.Runtime.Hosting;
using JinanOnboard.Runtime.Plan;
using JinanOnboard.Protocol.Signing;

namespace JinanOnboard.Cli.Commands;

internal static partial class CommandCatalog
{
    static partial void AddFirmware(RootCommand root)
    {
        root.Subcommands.Add(CreateFirmwareCommand(FirmwareRole.Payload));
        root.Subcommands.Add(CreateFirmwareCommand(FirmwareRole.Ground));
        root.Subcommands.Add(CreateBenchCommand());
        root.Subcommands.Add(CreateKeysCommand());
    }

    /// <summary>
    /// `jinan payload|ground`: listed here for the verb list; <see cref="Program"/> hands every argument to the
    /// firmware executable itself (<see cref="FirmwareExecutable"/>), whose own --help describes its options.
    /// </summary>
    private static Command CreateFirmwareCommand(FirmwareRole role)
    {
        bool payload = role == FirmwareRole.Payload;
        return new Command(payload ? "payload" : "ground", payload
            ? "Run the satellite payload firmware (JinanOnboard.Payload): connects to the ground station and runs one pass. See jinan payload --help."
            : "Run the optical ground station firmware (JinanOnboard.Ground): listens for the payload and runs one pass. See jinan ground --help.");
    }

    private static Command CreateBenchCommand()
    {
        var command = new Command("bench", "Run an emulated pass: payload and ground as separate OS processes connected over a transport.");
        var config = new Option<string>("--config") { Description = "Configuration file or named set (configs/NAME.json).", DefaultValueFactory = _ => ConfigurationLoader.DefaultName };
        var seed = new Option<string?>("--seed") { Description = "Run seed, an unsigned 64-bit integer (default: the configuration's)." };
        var transport = new Option<string>("--transport") { Description = "tcp, udp, unix or serial (socat pty pair).", DefaultValueFactory = _ => "tcp" };
        transport.AcceptOnlyFromAmong("memory", "tcp", "udp", "unix", "serial");
        var output = new Option<string>("--out") { Description = "Directory for report.json, logs, keys and key stores.", DefaultValueFactory = _ => Path.Combine("out", "bench") };
        var realtime = new Option<bool>("--realtime") { Description = "Pace the pass clock to the wall clock (a 300 s pass takes 300 s)." };
        var duration = new Option<string?>("--duration-s") { Description = "Pass duration in seconds, 1 to 3600 (overrides pass.duration_s)." };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON instead of tables." };
        var kill = new Option<string?>("--kill-after") { Description = "Fault drill: kill one side mid-pass, e.g. payload:2.5 or ground:1 (seconds of wall time after it starts)." };
        var terminate = new Option<string?>("--terminate-after") { Description = "Fault drill: send one side SIGTERM mid-pass, e.g. ground:6 (it closes its session and ends interrupted, exit 143)." };
        var record = new Option<bool>("--record") { Description = "Record both sides' link and time-tag streams to OUT/payload.jrec and OUT/ground.jrec (process transports)." };
        var plot = new Option<string?>("--plot") { Description = "After the pass, write DIR/bench.png: T_point per second of each end, detected pulses per second, QBER per packet (from the report; a failed pass draws what there is)." };
        var devicesProfile = new Option<string?>("--devices-profile") { Description = "HIL device profile (hil/profiles NAME or a path): each side's fine mirror that the profile puts on a TCP/serial/SPI bus is driven there instead of simulated (needs --realtime; `jinan devices serve` serves simulators behind such addresses)." };
        foreach (Option option in new Option[] { config, seed, transport, output, realtime, duration, json, kill, terminate, record, plot, devicesProfile })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            string configName = parse.GetValue(config)!;
            double? durationS = Parsed(() => FirmwareCommandLine.ParseDuration(parse.GetValue(duration)));
            string outputDirectory = parse.GetValue(output)!;
            if (parse.GetValue(transport) == "memory")
            {
                throw new UserErrorException("--transport memory runs both sides in one process, which the bench no longer does (payload and ground are separate executables); use tcp, udp, unix or serial");
            }

            // The whole plan is resolved and validated here, before either firmware process starts.
            RunPlan plan = ResolvePlan(new RunOverrides
            {
                Config = configName,
                Seed = Parsed(() => FirmwareCommandLine.ParseSeed(parse.GetValue(seed))),
                DurationS = durationS,
                OutputDirectory = outputDirectory,
                ResultPath = Path.Combine(outputDirectory, "report.json"),
            });
            FirmwareConfiguration configuration = plan.Configuration;
            string? devices = ResolveDevicesProfile(parse.GetValue(devicesProfile), parse.GetValue(realtime) || configuration.Pass.Realtime);

            var request = new BenchRequest(
                ConfigArgument: File.Exists(configName) ? Path.GetFullPath(configName) : configName,
                Configuration: configuration,
                Seed: plan.Seed,
                Transport: parse.GetValue(transport)!,
                OutputDirectory: Path.GetFullPath(parse.GetValue(output)!),
                Realtime: parse.GetValue(realtime),
                DurationOverrideS: durationS,
                Json: parse.GetValue(json))
            {
                KillAfter = FaultDrill.Parse(parse.GetValue(kill)),
                TerminateAfter = FaultDrill.Parse(parse.GetValue(terminate), "--terminate-after"),
                Record = parse.GetValue(record),
                PlotDirectory = parse.GetValue(plot),
                DevicesProfile = devices,
            };
            return await BenchRunner.RunAsync(request, cancellationToken);
        });
        return command;
    }

    /// <summary>Checks --devices-profile for both sides before either starts; the firmware gets the file's full path.</summary>
    private static string? ResolveDevicesProfile(string? nameOrPath, bool realtime)
    {
        if (nameOrPath is null)
        {
            return null;
        }

        try
        {
            DevicesProfileResolver.Resolve(FirmwareRole.Payload, nameOrPath, realtime);
            return Path.GetFullPath(DevicesProfileResolver.Resolve(FirmwareRole.Ground, nameOrPath, realtime)!.SourcePath);
        }
        catch (ConfigurationException error)
        {
            throw new UserErrorException(error.Message);
        }
    }

    private static Command CreateKeysCommand()
    {
        var keys = new Command("keys", "Manage the Ed25519 identities of payload and ground.");
        var init = new Command("init", "Create payload.key/.pub and ground.key/.pub (Ed25519, PEM) in a directory.");
        var output = new Option<string>("--out") { Description = "Directory to write the keys to.", Required = true };
        var force = new Option<bool>("--force") { Description = "Replace existing key files." };
        var json = new Option<bool>("--json") { Description = "Print the written files as JSON." };
        init.Options.Add(output);
        init.Options.Add(force);
        init.Options.Add(json);
        init.SetAction(parse =>
        {
            IReadOnlyList<string> written;
            try
            {
                written = KeyDirectory.Create(parse.GetValue(output)!, parse.GetValue(force));
            }
            catch (KeyFileException ex)
            {
                throw new UserErrorException(ex.Message);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new UserErrorException($"{parse.GetValue(output)}: cannot write keys: {ex.Message}");
            }

            if (parse.GetValue(json))
            {
                CliJson.Write(new { files = written });
            }
            else
            {
                foreach (string file in written)
                {
                    Console.Out.WriteLine($"wrote {file}");
                }
            }

            return ExitCodes.Ok;
        });
        keys.Subcommands.Add(init);
        return keys;
    }

    /// <summary>Resolves a run plan as the firmware would, turning a configuration problem into one line and exit code 2.</summary>
    internal static RunPlan ResolvePlan(RunOverrides overrides) => Parsed(() => RunPlanResolver.Resolve(FirmwareRole.Ground, overrides));

    private static T Parsed<T>(Func<T> parse)
    {
        try
        {
            return parse();
        }
        catch (ConfigurationException ex)
        {
            throw new UserErrorException(ex.Message);
        }
    }

    internal static FirmwareConfiguration LoadConfiguration(string? pathOrName) => Parsed(() => ConfigurationLoader.Load(pathOrName));
}
