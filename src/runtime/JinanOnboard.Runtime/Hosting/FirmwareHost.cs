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
        await host.RunAsync();
        FirmwareResult result = settings.Result
            ?? new FirmwareResult { Role = role.ToString().ToLowerInvariant(), ProcessId = Environment.ProcessId, Status = "interrupted", Error = "stopped before the session started" };
        return result.ExitCode;
    }
}

internal sealed class FirmwareServiceSettings(FirmwareRole role, FirmwareRunOptions options, IFirmwareTopology topology)
{
    public FirmwareRole Role { get; } = role;

    public FirmwareRunOptions Options { get; } = options;

    public IFirmwareTopology Topology { get; } = topology;

    public FirmwareResult? Result { get; set; }
}

internal sealed class FirmwareService(FirmwareServiceSettings settings, IHostApplicationLifetime lifetime, ILoggerFactory loggers) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        ILogger logger = loggers.CreateLogger(settings.Role == FirmwareRole.Payload ? "payload" : "ground");
        FirmwareResult result = await FirmwareSessionRunner.RunAsync(settings.Role, settings.Options, settings.Topology, logger, cancellationToken: stoppingToken);
        settings.Result = result;
        if (settings.Options.Plan.ResultPath is not null)
        {
            FirmwareSessionRunner.WriteResult(result, settings.Options.Plan.ResultPath);
        }

        if (result.Error is not null)
        {
            logger.LogError("{Role}: {Error}", result.Role, result.Error);
        }

        lifetime.StopApplication();
    }
}
