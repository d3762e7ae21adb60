using System.CommandLine;
using JinanOnboard.Cli.Commands;

namespace JinanOnboard.Cli;

internal static class Program
{
    public static int Main(string[] args)
    {
        RootCommand root = CommandCatalog.CreateRoot();
        ParseResult parsed = root.Parse(args);
        try
        {
            return parsed.Invoke();
        }
        catch (UserErrorException ex)
        {
            Console.Error.WriteLine($"jinan: {ex.Message}");
            return ex.ExitCode;
        }
    }
}
