using System.Diagnostics;
using System.Text;

namespace JinanOnboard.EndToEnd.Tests;

/// <summary>Runs the real `jinan` program (jinan.dll beside this test assembly) as an OS process.</summary>
internal static class JinanProcess
{
    public sealed record Result(int ExitCode, string StandardOutput, string StandardError);

    public static string Dll => Path.Combine(AppContext.BaseDirectory, "jinan.dll");

    /// <summary>The repository's root (the folder with JinanOnboard.sln above the test binaries).</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    private static string FindRepositoryRoot()
    {
        for (DirectoryInfo? d = new(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "JinanOnboard.sln")))
            {
                return d.FullName;
            }
        }

        throw new InvalidOperationException("repository root not found");
    }

    public static ProcessStartInfo StartInfo(params string[] arguments)
    {
        var info = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Dll);
        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return info;
    }

    public static async Task<Result> RunAsync(TimeSpan timeout, params string[] arguments)
    {
        using var process = Process.Start(StartInfo(arguments))!;
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (stdout) { stdout.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (stderr) { stderr.AppendLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"jinan {string.Join(' ', arguments)} did not finish within {timeout}. stderr:\n{stderr}");
        }

        process.WaitForExit();
        return new Result(process.ExitCode, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Starts jinan, kills it (the whole process tree, like a power cut) after <paramref name="after"/>.</summary>
    public static async Task<Result> RunAndKillAsync(TimeSpan after, params string[] arguments)
    {
        using var process = Process.Start(StartInfo(arguments))!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        await Task.Delay(after);
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync();
        return new Result(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>
    /// Runs a firmware side and sends it SIGTERM <paramref name="after"/> its connection to the peer (its " connected: "
    /// log line): timing from the process start would, on a loaded machine, stop a side that has not connected yet.
    /// (`jinan payload|ground` forwards the signal to the firmware process.)
    /// </summary>
    public static Task<Result> RunAndTerminateAsync(TimeSpan after, TimeSpan timeout, params string[] arguments)
        => RunAndTerminateAfterLineAsync(" connected: ", after, timeout, arguments);

    /// <summary>
    /// Runs jinan, sends it SIGTERM <paramref name="after"/> the first stderr line containing <paramref name="marker"/>,
    /// then waits up to <paramref name="timeout"/> for it to end on its own.
    /// </summary>
    public static async Task<Result> RunAndTerminateAfterLineAsync(string marker, TimeSpan after, TimeSpan timeout, params string[] arguments)
    {
        using var process = Process.Start(StartInfo(arguments))!;
        var stderr = new StringBuilder();
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (stderr) { stderr.AppendLine(e.Data); } } };
        process.BeginErrorReadLine();
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        while (!cts.IsCancellationRequested && !process.HasExited)
        {
            lock (stderr)
            {
                if (stderr.ToString().Contains(marker, StringComparison.Ordinal))
                {
                    break;
                }
            }

            await Task.Delay(20);
        }

        await Task.Delay(after);
        await TerminateAsync(process);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"jinan {string.Join(' ', arguments)} did not end within {timeout} of SIGTERM. stderr:\n{stderr}");
        }

        process.WaitForExit();
        return new Result(process.ExitCode, await stdout, stderr.ToString());
    }

    /// <summary>Sends SIGTERM (what a supervisor such as systemd sends) to <paramref name="process"/>.</summary>
    public static async Task TerminateAsync(Process process)
    {
        using Process kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        await kill.WaitForExitAsync();
    }

    /// <summary>
    /// Two-machine style: starts the ground, waits for its listening event, runs the payload against the endpoint it
    /// names (killed after <paramref name="killPayloadAfter"/> if given), then waits for the ground to end.
    /// </summary>
    public static async Task<(Result Ground, Result Payload)> RunGroundThenPayloadAsync(
        TimeSpan timeout, string[] groundArguments, Func<string, string[]> payloadArguments, TimeSpan? killPayloadAfter = null,
        (string Side, TimeSpan After)? terminate = null)
    {
        using var cts = new CancellationTokenSource(timeout);
        using Process ground = Process.Start(StartInfo(groundArguments))!;
        var groundError = new StringBuilder();
        ground.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (groundError) { groundError.AppendLine(e.Data); } } };
        ground.BeginErrorReadLine();
        try
        {
            var groundOutput = new StringBuilder();
            string? endpoint = null;
            while (endpoint is null && await ground.StandardOutput.ReadLineAsync(cts.Token) is { } line)
            {
                groundOutput.AppendLine(line);
                if (line.Contains("\"listening\"", StringComparison.Ordinal))
                {
                    endpoint = System.Text.Json.JsonDocument.Parse(line).RootElement.GetProperty("endpoint").GetString();
                }
            }

            if (endpoint is null)
            {
                throw new InvalidOperationException($"the ground never listened:\n{groundOutput}\n{groundError}");
            }

            // The ground's stop is timed from the payload's connection, not from the ground's start: on a loaded machine
            // the payload process alone can take seconds to start, and a ground stopped before it connects tests nothing.
            async Task TerminateGroundAsync(TimeSpan after)
            {
                while (!cts.IsCancellationRequested && !ground.HasExited)
                {
                    lock (groundError)
                    {
                        if (groundError.ToString().Contains(" connected: ", StringComparison.Ordinal))
                        {
                            break;
                        }
                    }

                    await Task.Delay(20, cts.Token);
                }

                await Task.Delay(after, cts.Token);
                await TerminateAsync(ground);
            }

            Task groundTerminated = terminate is ("ground", var groundAfter) ? TerminateGroundAsync(groundAfter) : Task.CompletedTask;
            Result payload = killPayloadAfter is { } after
                ? await RunAndKillAsync(after, payloadArguments(endpoint))
                : terminate is ("payload", var payloadAfter)
                    ? await RunAndTerminateAsync(payloadAfter, timeout, payloadArguments(endpoint))
                    : await RunAsync(timeout, payloadArguments(endpoint));
            await groundTerminated;
            groundOutput.Append(await ground.StandardOutput.ReadToEndAsync(cts.Token));
            await ground.WaitForExitAsync(cts.Token);
            ground.WaitForExit();
            return (new Result(ground.ExitCode, groundOutput.ToString(), groundError.ToString()), payload);
        }
        finally
        {
            if (!ground.HasExited)
            {
                ground.Kill(entireProcessTree: true);
            }
        }
    }

    public static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    public static string NewDirectory()
    {
        string path = Path.Combine(Path.GetTempPath(), "jinan-e2e-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }
}
