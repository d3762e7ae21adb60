using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using JinanOnboard.Cli.Bench;
using JinanOnboard.Cli.Commands;
using JinanOnboard.Primitives.Randomness;
using JinanOnboard.Runtime.Hosting;
using JinanOnboard.Runtime.Plan;

namespace JinanOnboard.Cli.Campaign;

/// <summary>What `jinan campaign` was asked to do.</summary>
internal sealed record CampaignRequest(int Runs, ulong Seed, double DurationS, string OutputDirectory, bool Json, int Parallel);

/// <summary>
/// `jinan campaign`: each run is one bench pass (<see cref="BenchRunner.ExecuteAsync"/>, both sides real processes over
/// TCP) with the run's faults, in its own directory with its own key stores; a pass that did not complete on both
/// sides is followed by a clean next contact between the same stores; then the run's checks.
/// </summary>
internal static class CampaignRunner
{
    public static async Task<IReadOnlyList<CampaignRunResult>> RunAsync(CampaignRequest request, Action<CampaignRunResult> onRunDone, CancellationToken cancellationToken)
    {
        JsonObject baseConfiguration = CampaignConfiguration.LoadBase();
        var results = new CampaignRunResult[request.Runs];
        using var slots = new SemaphoreSlim(request.Parallel);
        IEnumerable<Task> runs = Enumerable.Range(0, request.Runs).Select(async index =>
        {
            try
            {
                await slots.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return; // interrupted before this run started
            }

            try
            {
                CampaignRunPlan plan = CampaignGenerator.Generate(request.Seed, index, request.DurationS);
                results[index] = await RunOneAsync(request, baseConfiguration, plan, cancellationToken);
                onRunDone(results[index]);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Interrupted mid-run: the run is not judged (its processes were stopped by the operator, not by a fault).
            }
            finally
            {
                slots.Release();
            }
        });
        await Task.WhenAll(runs);

        // On an interrupt, the runs that finished, in run order: the campaign's JSON and table cover exactly those.
        return results.Where(r => r is not null).ToArray();
    }

    private static async Task<CampaignRunResult> RunOneAsync(CampaignRequest request, JsonObject baseConfiguration, CampaignRunPlan plan, CancellationToken cancellationToken)
    {
        string runDirectory = Path.Combine(request.OutputDirectory, "run-" + plan.Index.ToString("000", CultureInfo.InvariantCulture));
        if (Directory.Exists(runDirectory))
        {
            // A run directory holds one run: stores left by an earlier campaign would make this one's next contact differ.
            Directory.Delete(runDirectory, recursive: true);
        }

        Directory.CreateDirectory(runDirectory);
        string stores = Path.Combine(runDirectory, "stores");
        string faultConfig = Path.Combine(runDirectory, "config.json");
        CampaignConfiguration.Write(baseConfiguration, plan, faults: true, faultConfig);
        BenchRequest faulty = Request(faultConfig, plan.Seed, Path.Combine(runDirectory, "pass"), stores, plan.Realtime, request.DurationS) with
        {
            KillAfter = plan.Kill,
            TerminateAfter = plan.Terminate,
        };
        double giveUpS = faulty.Configuration.Link.GiveUpS;
        double boundS = CampaignChecks.HangBoundS(plan, giveUpS);
        PassSeen pass = await PassAsync(faulty, boundS, cancellationToken);

        PassSeen? next = null;
        if (!pass.BothCompleted)
        {
            // The next contact settles what the interrupted pass left pending (a stored key reaches the payload from its
            // journal, a key the OGS never stored is erased): only then may the two stores be compared.
            string nextConfig = Path.Combine(runDirectory, "next-contact.json");
            CampaignConfiguration.Write(baseConfiguration, plan, faults: false, nextConfig);
            BenchRequest clean = Request(nextConfig, SeedSequence.Derive(plan.Seed, "next-contact"), Path.Combine(runDirectory, "next-contact"), stores, false, request.DurationS);
            next = await PassAsync(clean, CampaignChecks.HangBoundS(plan with { Realtime = false }, clean.Configuration.Link.GiveUpS), cancellationToken);
        }

        return new CampaignRunResult(plan, pass, next, boundS)
        {
            NoHang = CampaignChecks.NoHang(pass, next, boundS),
            KeysEqual = CampaignChecks.KeysEqual(pass),
            StoresAgree = CampaignChecks.StoresAgree(pass, next),
            StatusesConsistent = CampaignChecks.StatusesConsistent(plan, pass),
        };
    }

    private static BenchRequest Request(string configPath, ulong seed, string outDirectory, string stores, bool realtime, double durationS)
    {
        // The plan is resolved as the firmware will (a configuration the generator got wrong fails here, in one line).
        RunPlan plan = CommandCatalog.ResolvePlan(new RunOverrides { Config = configPath, Seed = seed, DurationS = durationS, OutputDirectory = outDirectory });
        return new BenchRequest(configPath, plan.Configuration, seed, "tcp", outDirectory, realtime, durationS, Json: true)
        {
            StoreDirectory = stores,
        };
    }

    /// <summary>One bench pass, stopped (both processes killed) and recorded as a hang if it outlasts <paramref name="boundS"/>.</summary>
    private static async Task<PassSeen> PassAsync(BenchRequest request, double boundS, CancellationToken cancellationToken)
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(TimeSpan.FromSeconds(boundS));
        var clock = Stopwatch.StartNew();
        BenchReport? report = null;
        try
        {
            report = await BenchRunner.ExecuteAsync(request, bound.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The bound fired: the bench's processes were killed on the way out; what they wrote is all there is.
        }

        cancellationToken.ThrowIfCancellationRequested();

        double wall = clock.Elapsed.TotalSeconds;
        if (report is null || (bound.IsCancellationRequested && !cancellationToken.IsCancellationRequested))
        {
            return new PassSeen(request.OutputDirectory, true, wall, FromFile(request, "payload"), FromFile(request, "ground"), "hang", false, null, $"stopped after {boundS:0} s");
        }

        JsonObject root = report.Root;
        return new PassSeen(request.OutputDirectory, false, wall, FromReport(report, "payload"), FromReport(report, "ground"),
            root["status"]!.ToString(), root["keys_identical"]?.GetValue<bool>() == true,
            ReportNumbers.AsDouble(root["final_key_bits"]) is double bits ? (long)bits : null, root["error"]?.ToString());
    }

    private static SideSeen FromReport(BenchReport report, string side)
    {
        FirmwareResult? result = side == "payload" ? report.Outcome.Payload : report.Outcome.Ground;
        int? exitCode = side == "payload" ? report.Outcome.PayloadExitCode : report.Outcome.GroundExitCode;
        return new SideSeen(result?.Status ?? "no result", exitCode, report.Outcome.StoppedByBench.GetValueOrDefault(side),
            report.Root[side]?["key_store_sha256"]?.ToString());
    }

    /// <summary>A side of a pass that hung: its result file if it wrote one before the campaign stopped it.</summary>
    private static SideSeen FromFile(BenchRequest request, string side)
    {
        string path = Path.Combine(request.OutputDirectory, side + ".json");
        if (!File.Exists(path))
        {
            return new SideSeen("no result", null, "stopped by the campaign (hang)", null);
        }

        FirmwareResult? result = JsonSerializer.Deserialize<FirmwareResult>(File.ReadAllText(path), ResultJson.Options);
        return new SideSeen(result?.Status ?? "no result", result?.ExitCode, null, null);
    }
}
