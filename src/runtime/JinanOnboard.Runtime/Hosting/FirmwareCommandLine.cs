using System.CommandLine;
using System.Globalization;
using JinanOnboard.Config.Loading;
using JinanOnboard.Primitives.Recording;
using JinanOnboard.Runtime.Plan;
using Microsoft.Extensions.Logging;

namespace JinanOnboard.Runtime.Hosting;

/// <summary>
/// The command line of a firmware executable (JinanOnboard.Payload, JinanOnboard.Ground; `jinan payload` and
/// `jinan ground` start those executables). One place for the options, the plan resolution before anything
/// listens or connects, and the exit codes: 0 completed, 1 failure, 2 usage or configuration error.
/// </summary>
public static class FirmwareCommandLine
{
    public const int ExitOk = 0;
    public const int ExitFailure = 1;
    public const int ExitUsage = 2;

    /// <summary>Parses <paramref name="args"/>, resolves the plan, runs the firmware with the topology the role's executable builds.</summary>
    public static async Task<int> RunAsync(FirmwareRole role, string[] args, Func<RunPlan, IFirmwareTopology> createTopology)
    {
        ArgumentNullException.ThrowIfNull(createTopology);
        string name = role == FirmwareRole.Payload ? "payload" : "ground";
        RootCommand command = Create(role, createTopology);
        ParseResult parsed = command.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (System.CommandLine.Parsing.ParseError error in parsed.Errors)
            {
                Console.Error.WriteLine($"jinan {name}: {error.Message}");
            }

            Console.Error.WriteLine($"Try 'jinan {name} --help'.");
            return ExitUsage;
        }

        try
        {
            // ProcessTerminationTimeout = null: System.CommandLine would otherwise answer SIGINT/SIGTERM by
            // abandoning the action after 2 s, before the firmware closed its session and wrote its result;
            // the firmware host handles the signals itself (FirmwareHost).
            return await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null });
        }
        catch (ConfigurationException ex)
        {
            // Caught before anything listens or connects: one line naming the key, no stack trace.
            Console.Error.WriteLine($"jinan {name}: {ex.Message}");
            WriteConfigurationErrorResult(role, parsed, ex.Message);
            return ExitUsage;
        }
    }

    /// <summary>
    /// A supervisor reads the result file, not stderr: a configuration error found while resolving the plan is
    /// written there too ({status: configuration_error, error}) when the path is known (--result, or --out's or the
    /// default output directory's result.json) and writable. An unwritable path is often the very error reported,
    /// so failing to write is silent: the one line on stderr has already said what is wrong.
    /// </summary>
    private static void WriteConfigurationErrorResult(FirmwareRole role, ParseResult parsed, string error)
    {
        try
        {
            string path = parsed.GetValue<string?>("--result")
                ?? Path.Combine(parsed.GetValue<string?>("--out") ?? RunPlanResolver.DefaultOutputDirectory(role), "result.json");
            var result = new FirmwareResult
            {
                Role = role == FirmwareRole.Payload ? "payload" : "ground",
                ProcessId = Environment.ProcessId,
                Status = "configuration_error",
                Error = error,
            };
            FirmwareSessionRunner.WriteResult(result, path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            // Not writable: stderr carries the error alone.
        }
    }

    private static RootCommand Create(FirmwareRole role, Func<RunPlan, IFirmwareTopology> createTopology)
    {
        bool payload = role == FirmwareRole.Payload;
        var command = new RootCommand(payload
            ? "The satellite payload firmware: connects to the ground station and runs one pass."
            : "The optical ground station firmware: listens for the payload and runs one pass.");
        var config = new Option<string>("--config") { Description = "Run configuration: a file or a named set (configs/NAME.json); default: the built-in Jinan-1 set.", DefaultValueFactory = _ => ConfigurationLoader.DefaultName };
        var endpoint = new Option<string?>("--endpoint") { Description = payload ? "Ground endpoint to connect to (overrides link.endpoint), e.g. tcp://10.0.0.2:7400." : "Endpoint to listen on (overrides link.endpoint), e.g. tcp://0.0.0.0:7400." };
        var keys = new Option<string?>("--keys") { Description = "Directory with payload.key/.pub and ground.key/.pub (overrides keys.directory)." };
        var result = new Option<string?>("--result") { Description = "Write this side's result JSON to FILE (default: OUT/result.json)." };
        var output = new Option<string?>("--out") { Description = $"Directory for this side's key store and outputs (default: out/{(payload ? "payload" : "ground")}, kept across passes)." };
        var seed = new Option<string?>("--seed") { Description = "Run seed, an unsigned 64-bit integer (overrides the configuration's seed)." };
        var realtime = new Option<bool>("--realtime") { Description = "Pace the pass clock to the wall clock." };
        var verbose = new Option<bool>("--verbose") { Description = "Debug logging." };
        var duration = new Option<string?>("--duration-s") { Description = "Pass duration in seconds, 1 to 3600 (overrides pass.duration_s)." };
        var record = new Option<string?>("--record") { Description = "Record this side's link and time-tag streams to FILE (protocol-spec/recording-seam.md)." };
        var opticalPath = new Option<string?>("--optical-path") { Description = "Simulated bench only: the Unix socket joining the payload's and the OGS's halves of the bench, so the light leaves the payload where its loops point it (jinan bench passes it to both sides)." };
        var devicesProfile = new Option<string?>("--devices-profile") { Description = "HIL device profile (hil/profiles NAME or a path): this side's fine mirror, when the profile gives it an address, is opened on that bus instead of simulated (needs --realtime)." };
        var timeTags = new Option<string?>("--time-tags") { Description = "A ground recording (--record) or a PicoQuant PTU T2 file whose time tags the OGS's time tagger serves through its real driver instead of the simulated bench's light (jinan replay runs the OGS this way)." };
        foreach (Option option in new Option[] { config, endpoint, keys, result, output, seed, realtime, verbose, duration, record, opticalPath, devicesProfile })
        {
            command.Options.Add(option);
        }

        if (!payload)
        {
            command.Options.Add(timeTags);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            string? outputDirectory = parse.GetValue(output);
            var overrides = new RunOverrides
            {
                Config = parse.GetValue(config),
                Seed = ParseSeed(parse.GetValue(seed)),
                DurationS = ParseDuration(parse.GetValue(duration)),
                Realtime = parse.GetValue(realtime) ? true : null,
                Endpoint = parse.GetValue(endpoint),
                KeyDirectory = parse.GetValue(keys),
                OutputDirectory = outputDirectory,
                ResultPath = parse.GetValue(result) ?? Path.Combine(outputDirectory ?? RunPlanResolver.DefaultOutputDirectory(role), "result.json"),
                RecordPath = parse.GetValue(record),
                OpticalPath = parse.GetValue(opticalPath),
                DevicesProfile = parse.GetValue(devicesProfile),
                TimeTagsPath = payload ? null : parse.GetValue(timeTags),
            };
            RunPlan plan = RunPlanResolver.Resolve(role, overrides);
            Console.Error.WriteLine($"jinan {(payload ? "payload" : "ground")}: keys go to {Path.Combine(plan.OutputDirectory, "keystore")}, the result to {plan.ResultPath}");
            using RecordingWriter? recorder = plan.RecordPath is null ? null : OpenRecorder(plan, payload ? "payload" : "ground");
            var options = new FirmwareRunOptions
            {
                Plan = plan,
                OnListening = endpoint => Console.Out.WriteLine(ListeningAnnouncement.ListeningLine(endpoint)),
                Tap = recorder,
            };
            LogLevel level = parse.GetValue(verbose) ? LogLevel.Debug : LogLevel.Information;
            return await FirmwareHost.RunAsync(role, options, createTopology(plan), level);
        });
        return command;
    }

    /// <exception cref="ConfigurationException">Not an unsigned 64-bit integer.</exception>
    public static ulong? ParseSeed(string? text)
    {
        if (text is null)
        {
            return null;
        }

        return ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out ulong value)
            ? value
            : throw new ConfigurationException($"--seed = {text} is not an unsigned 64-bit integer (0 to {ulong.MaxValue})");
    }

    /// <exception cref="ConfigurationException">Not a number (the range is checked with the plan).</exception>
    public static double? ParseDuration(string? text)
    {
        if (text is null)
        {
            return null;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
            ? value
            : throw new ConfigurationException($"--duration-s = {text} is not a number of seconds (1 to 3600)");
    }

    /// <summary>The recorder for --record FILE, its metadata naming what `jinan replay` needs to re-run the pass.</summary>
    private static RecordingWriter OpenRecorder(RunPlan plan, string role)
    {
        string metadata = System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["format"] = "jinan-recording",
            ["role"] = role,
            ["config"] = File.Exists(plan.ConfigurationName) ? Path.GetFullPath(plan.ConfigurationName) : plan.ConfigurationName,
            ["seed"] = plan.Seed,
            ["duration_s"] = plan.DurationS,
        });
        try
        {
            return new RecordingWriter(plan.RecordPath!, metadata);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException($"--record {plan.RecordPath}: cannot write the recording: {ex.Message}");
        }
    }
}
