using System.CommandLine;
using JinanOnboard.Cli.Commands;

namespace JinanOnboard.Cli;

internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
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

        try
        {
            // User mistakes surface as UserErrorException: one line, no stack trace.
            return await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (UserErrorException ex)
        {
            Console.Error.WriteLine($"jinan: {ex.Message}");
            return ex.ExitCode;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("jinan: interrupted");
            return ExitCodes.Failure;
        }
    }
}
