using System.CommandLine;
using JinanOnboard.Cli.Bench;
using JinanOnboard.Cli.Commands;

namespace JinanOnboard.Cli;

internal static class Program
{
    /// <summary>The process's signal handling, for verbs that report which signal stopped them.</summary>
    public static CliSignals? Signals { get; private set; }

    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] is "payload" or "ground")
        {
            // The firmware executables are the entry points; jinan only starts them (same code as the bench).
            try
            {
                return await FirmwareExecutable.RunForegroundAsync(args[0], args[1..]);
            }
            catch (UserErrorException ex)
            {
                Console.Error.WriteLine($"jinan: {ex.Message}");
                return ex.ExitCode;
            }
        }

        RootCommand root = CommandCatalog.CreateRoot();
        ParseResult parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (System.CommandLine.Parsing.ParseError error in parsed.Errors)
            {
                Console.Error.WriteLine($"jinan: {error.Message}");
            }

            Console.Error.WriteLine($"Try '{parsed.CommandResult.Command.Name} --help'.");
            return ExitCodes.Usage;
        }

        using var signals = new CliSignals();
        Signals = signals;
        try
        {
            // User mistakes surface as UserErrorException: one line, no stack trace. Signals are ours (CliSignals).
            return await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null }, signals.Token);
        }
        catch (UserErrorException ex)
        {
            Console.Error.WriteLine($"jinan: {ex.Message}");
            return ex.ExitCode;
        }
        catch (OperationCanceledException) when (signals.Received is not null)
        {
            Console.Error.WriteLine($"jinan: interrupted by {signals.Received}");
            return signals.ExitCode;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("jinan: cancelled");
            return ExitCodes.Failure;
        }
    }
}
