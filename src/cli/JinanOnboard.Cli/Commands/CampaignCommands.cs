using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using JinanOnboard.Cli.Campaign;

namespace JinanOnboard.Cli.Commands;

internal static partial class CommandCatalog
{
    static partial void AddCampaign(RootCommand root) => root.Subcommands.Add(CreateCampaignCommand());

    private static Command CreateCampaignCommand()
    {
        var command = new Command("campaign", "Run seeded fault passes (burst loss, bit errors, asymmetric faults, outages, SIGKILL and SIGTERM of either side, duplicated, reordered and jittered frames), each as a bench with both sides as processes, and check each: no hang, equal keys, no block in one store only, consistent statuses.");
        // Numbers are taken as text and checked here, so a bad value is one line and exit 2.
        var runs = new Option<string?>("--runs") { Description = "Number of runs, 1 to 10000 (required)." };
        var seed = new Option<string?>("--seed") { Description = "Campaign seed, an unsigned 64-bit integer (required): run i's faults and pass seed derive from (seed, i)." };
        var duration = new Option<string?>("--duration-s") { Description = "Pass duration in seconds, 20 to 600 (default 30)." };
        var output = new Option<string>("--out") { Description = "Directory for campaign.json and one run-NNN directory per run.", DefaultValueFactory = _ => Path.Combine("out", "campaign") };
        var json = new Option<bool>("--json") { Description = "Print the campaign as JSON instead of tables." };
        var parallel = new Option<string?>("--parallel") { Description = "Runs at a time, 1 to 8 (default 1; each run is two firmware processes)." };
        foreach (Option option in new Option[] { runs, seed, duration, output, json, parallel })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            var request = new CampaignRequest(
                Runs: (int)Number(parse.GetValue(runs), "--runs", 1, 10_000, required: true, integer: true),
                Seed: ulong.TryParse(parse.GetValue(seed) ?? throw new UserErrorException("campaign: --seed is required (an unsigned 64-bit integer)"), NumberStyles.None, CultureInfo.InvariantCulture, out ulong s)
                    ? s
                    : throw new UserErrorException($"campaign: --seed = {parse.GetValue(seed)} is not an unsigned 64-bit integer"),
                DurationS: Number(parse.GetValue(duration) ?? "30", "--duration-s", CampaignGenerator.MinDurationS, 600, required: true, integer: false),
                OutputDirectory: Path.GetFullPath(parse.GetValue(output)!),
                Json: parse.GetValue(json),
                Parallel: (int)Number(parse.GetValue(parallel) ?? "1", "--parallel", 1, 8, required: true, integer: true));
            return await RunCampaignAsync(request, cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunCampaignAsync(CampaignRequest request, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(request.OutputDirectory);
        var clock = Stopwatch.StartNew();
        var progress = new object();

        // Ctrl-C or SIGTERM (CliSignals cancels the token) stops the campaign where it is: runs in flight are stopped
        // (the bench stops their processes), and the table and campaign.json cover the runs that finished, marked so.
        IReadOnlyList<CampaignRunResult> results = await CampaignRunner.RunAsync(request, run =>
        {
            // One line per finished run on stderr, so a long campaign shows it is moving (stdout stays the table or JSON).
            lock (progress)
            {
                Console.Error.WriteLine($"jinan campaign: run {run.Plan.Index + 1}/{request.Runs} {run.Plan.Label}: {run.Pass.Payload.Status}/{run.Pass.Ground.Status}, {run.Pass.WallSeconds:0.0} s, {(run.Passed ? "ok" : "FAILED " + string.Join(", ", run.Failed()))}");
            }
        }, cancellationToken);

        string? signal = cancellationToken.IsCancellationRequested ? Program.Signals?.Received ?? "cancelled" : null;

        JsonObject root = CampaignReport.Json(request, results, clock.Elapsed.TotalSeconds);
        if (signal is not null)
        {
            root["interrupted"] = signal;
            Console.Error.WriteLine($"jinan campaign: interrupted by {signal} after {results.Count} of {request.Runs} runs; the table and campaign.json cover those");
        }

        string path = Path.Combine(request.OutputDirectory, "campaign.json");
        string text = root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
        await File.WriteAllTextAsync(path, text, CancellationToken.None);
        if (request.Json)
        {
            Console.Out.WriteLine(text);
        }
        else
        {
            CampaignReport.Print(request, results, root, path);
        }

        if (signal is not null)
        {
            return Program.Signals?.ExitCode ?? ExitCodes.Interrupted;
        }

        return results.All(r => r.Passed) ? ExitCodes.Ok : ExitCodes.Failure;
    }

    private static double Number(string? text, string option, double min, double max, bool required, bool integer)
    {
        if (text is null)
        {
            throw new UserErrorException(required ? $"campaign: {option} is required" : $"campaign: {option} has no value");
        }

        bool parsed = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value);
        if (!parsed || value < min || value > max || (integer && value != Math.Floor(value)))
        {
            throw new UserErrorException(string.Create(CultureInfo.InvariantCulture, $"campaign: {option} = {text}: expected {(integer ? "an integer" : "a number")} from {min} to {max}"));
        }

        return value;
    }
}
