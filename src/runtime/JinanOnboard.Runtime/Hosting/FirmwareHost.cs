using System.Runtime.InteropServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace JinanOnboard.Runtime.Hosting;

/// <summary>
/// Runs one firmware side as a .NET generic host: console logging on stderr (stdout stays for
/// machine-readable lines), graceful shutdown on SIGINT/SIGTERM, result file, exit code.
/// </summary>
public static class FirmwareHost
{
    public static async Task<int> RunAsync(FirmwareRole role, FirmwareRunOptions options, IFirmwareTopology topology, LogLevel logLevel = LogLevel.Information)
    {
        HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(logLevel);
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
            o.UseUtcTimestamp = true;
        });
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
        var settings = new FirmwareServiceSettings(role, options, topology);
        builder.Services.AddSingleton(settings);
        builder.Services.AddHostedService<FirmwareService>();
        using IHost host = builder.Build();

        // The console lifetime also stops the host on these signals; these registrations only remember which
        // signal came, for the result and the exit code (130 SIGINT, 143 SIGTERM).
        using PosixSignalRegistration interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, _ => settings.Signal ??= "SIGINT");
        using PosixSignalRegistration terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ => settings.Signal ??= "SIGTERM");
        await host.RunAsync();
        FirmwareResult result = settings.Result
            ?? new FirmwareResult { Role = role.ToString().ToLowerInvariant(), ProcessId = Environment.ProcessId, Status = "interrupted", Signal = settings.Signal, Error = "stopped before the session started" };
        return result.ExitCode;
    }
}

internal sealed class FirmwareServiceSettings(FirmwareRole role, FirmwareRunOptions options, IFirmwareTopology topology)
{
    public FirmwareRole Role { get; } = role;

    public FirmwareRunOptions Options { get; } = options;

    public IFirmwareTopology Topology { get; } = topology;

    public FirmwareResult? Result { get; set; }

    /// <summary>The first stop signal received, if any.</summary>
    public string? Signal { get; set; }
}

internal sealed class FirmwareService(FirmwareServiceSettings settings, IHostApplicationLifetime lifetime, ILoggerFactory loggers) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        ILogger logger = loggers.CreateLogger(settings.Role == FirmwareRole.Payload ? "payload" : "ground");
        FirmwareResult result = await FirmwareSessionRunner.RunAsync(settings.Role, settings.Options, settings.Topology, logger, cancellationToken: stoppingToken);
        if (result.Status == "interrupted")
        {
            result = result with { Signal = settings.Signal, Error = $"interrupted by {settings.Signal ?? "a stop request"}" };
        }

        settings.Result = result;
        string? resultPath = settings.Options.Plan.ResultPath;
        if (resultPath is not null)
        {
            FirmwareSessionRunner.WriteResult(result, resultPath);
        }

        if (result.Status == "interrupted")
        {
            // The one line an operator sees after Ctrl-C or a supervisor's SIGTERM.
            string peer = settings.Role == FirmwareRole.Payload ? "ground" : "payload";
            logger.LogWarning(
                "{Role} {Error}: session closed with the {Peer}, keys in flight left pending for the next contact, result in {Path}",
                result.Role, result.Error, peer, resultPath ?? "(no result file)");
        }
        else if (result.Error is not null)
        {
            logger.LogError("{Role}: {Error}", result.Role, result.Error);
        }

        lifetime.StopApplication();
    }
}
