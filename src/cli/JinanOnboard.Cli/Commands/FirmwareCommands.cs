using System.CommandLine;
using JinanOnboard.Cli.Bench;
using JinanOnboard.Primitives.Recording;
using JinanOnboard.Config.Loading;
using JinanOnboard.Config.Model;
using JinanOnboard.Runtime.Hosting;
using JinanOnboard.Ground;
using JinanOnboard.Payload;
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

    private static Command CreateFirmwareCommand(FirmwareRole role)
    {
        bool payload = role == FirmwareRole.Payload;
        var command = new Command(payload ? "payload" : "ground", payload
            ? "Run the satellite payload firmware: connects to the ground station and runs one pass."
            : "Run the optical ground station firmware: listens for the payload and runs one pass.");
        var config = new Option<string>("--config") { Description = "Configuration file or named set (configs/NAME.json); default: the built-in Jinan-1 set.", DefaultValueFactory = _ => ConfigurationLoader.DefaultName };
        var endpoint = new Option<string?>("--endpoint") { Description = payload ? "Ground endpoint to connect to (overrides link.endpoint), e.g. tcp://10.0.0.2:7400." : "Endpoint to listen on (overrides link.endpoint), e.g. tcp://0.0.0.0:7400." };
        var keys = new Option<string?>("--keys") { Description = "Directory with payload.key/.pub and ground.key/.pub (overrides keys.directory)." };
        var result = new Option<string?>("--result") { Description = "Write this side's result JSON to FILE." };
        var output = new Option<string?>("--out") { Description = "Directory for this side's key store and outputs." };
        var seed = new Option<ulong?>("--seed") { Description = "Run seed (overrides the configuration)." };
        var realtime = new Option<bool>("--realtime") { Description = "Pace the pass clock to the wall clock." };
        var verbose = new Option<bool>("--verbose") { Description = "Debug logging." };
        var duration = new Option<double?>("--duration-s") { Description = "Override the pass duration, seconds." };
        var record = new Option<string?>("--record") { Description = "Record this side's link and time-tag streams to FILE (protocol-spec/recording-seam.md); `jinan replay FILE` reads it." };
        foreach (Option option in new Option[] { config, endpoint, keys, result, output, seed, realtime, verbose, duration, record })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            FirmwareConfiguration configuration = WithDuration(LoadConfiguration(parse.GetValue(config)), parse.GetValue(duration));
            ulong runSeed = parse.GetValue(seed) ?? configuration.Seed;
            using RecordingWriter? recorder = parse.GetValue(record) is { } recordPath
                ? OpenRecorder(recordPath, payload ? "payload" : "ground", parse.GetValue(config)!, runSeed, parse.GetValue(duration))
                : null;
            var options = new FirmwareRunOptions
            {
                Configuration = configuration,
                Endpoint = parse.GetValue(endpoint),
                KeyDirectory = parse.GetValue(keys),
                ResultPath = parse.GetValue(result),
                OutputDirectory = parse.GetValue(output),
                Seed = parse.GetValue(seed),
                Realtime = parse.GetValue(realtime) ? true : null,
                OnListening = endpoint => Console.Out.WriteLine(BenchProtocol.ListeningLine(endpoint)),
                Tap = recorder,
            };
            IFirmwareTopology topology = payload ? new PayloadTopology() : new GroundTopology();
            var level = parse.GetValue(verbose) ? Microsoft.Extensions.Logging.LogLevel.Debug : Microsoft.Extensions.Logging.LogLevel.Information;
            return await FirmwareHost.RunAsync(role, options, topology, level);
        });
        return command;
    }

    private static Command CreateBenchCommand()
    {
        var command = new Command("bench", "Run an emulated pass: payload and ground as separate OS processes connected over a transport.");
        var config = new Option<string>("--config") { Description = "Configuration file or named set (configs/NAME.json).", DefaultValueFactory = _ => ConfigurationLoader.DefaultName };
        var seed = new Option<ulong?>("--seed") { Description = "Run seed (default: the configuration's)." };
        var transport = new Option<string>("--transport") { Description = "memory (one process, for tests), tcp, udp, unix or serial (socat pty pair).", DefaultValueFactory = _ => "tcp" };
        transport.AcceptOnlyFromAmong("memory", "tcp", "udp", "unix", "serial");
        var output = new Option<string>("--out") { Description = "Directory for report.json, logs, keys and key stores.", DefaultValueFactory = _ => Path.Combine("out", "bench") };
        var realtime = new Option<bool>("--realtime") { Description = "Pace the pass clock to the wall clock (a 300 s pass takes 300 s)." };
        var duration = new Option<double?>("--duration-s") { Description = "Override the pass duration, seconds." };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON instead of tables." };
        var kill = new Option<string?>("--kill-after") { Description = "Fault drill: kill one side mid-pass, e.g. payload:2.5 or ground:1 (seconds of wall time after it starts)." };
        var record = new Option<bool>("--record") { Description = "Record both sides' link and time-tag streams to OUT/payload.jrec and OUT/ground.jrec (process transports)." };
        foreach (Option option in new Option[] { config, seed, transport, output, realtime, duration, json, kill, record })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            string configName = parse.GetValue(config)!;
            double? durationS = parse.GetValue(duration);
            FirmwareConfiguration configuration = WithDuration(LoadConfiguration(configName), durationS);

            var request = new BenchRequest(
                ConfigArgument: File.Exists(configName) ? Path.GetFullPath(configName) : configName,
                Configuration: configuration,
                Seed: parse.GetValue(seed) ?? configuration.Seed,
                Transport: parse.GetValue(transport)!,
                OutputDirectory: Path.GetFullPath(parse.GetValue(output)!),
                Realtime: parse.GetValue(realtime),
                DurationOverrideS: durationS,
                Json: parse.GetValue(json))
            {
                KillAfter = FaultDrill.Parse(parse.GetValue(kill)),
                Record = parse.GetValue(record),
            };
            if (request.Record && request.Transport == "memory")
            {
                throw new UserErrorException("--record needs a process transport (tcp, udp, unix or serial), not memory");
            }

            return await BenchRunner.RunAsync(request, cancellationToken);
        });
        return command;
    }

    /// <summary>The recorder for --record FILE, its metadata naming what `jinan replay` needs to re-run the pass.</summary>
    private static RecordingWriter OpenRecorder(string path, string role, string config, ulong seed, double? durationS)
    {
        string metadata = System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["format"] = "jinan-recording",
            ["role"] = role,
            ["config"] = File.Exists(config) ? Path.GetFullPath(config) : config,
            ["seed"] = seed,
            ["duration_s"] = durationS,
        });
        try
        {
            return new RecordingWriter(path, metadata);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UserErrorException($"{path}: cannot write the recording: {ex.Message}");
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

    private static FirmwareConfiguration WithDuration(FirmwareConfiguration configuration, double? durationS)
    {
        if (durationS is null)
        {
            return configuration;
        }

        if (durationS is <= 0 or > 3600)
        {
            throw new UserErrorException($"--duration-s {durationS} is out of range (0, 3600]");
        }

        return configuration with { Pass = configuration.Pass with { DurationS = durationS.Value } };
    }

    internal static FirmwareConfiguration LoadConfiguration(string? pathOrName)
    {
        try
        {
            return ConfigurationLoader.Load(pathOrName);
        }
        catch (ConfigurationException ex)
        {
            throw new UserErrorException(ex.Message);
        }
    }
}
