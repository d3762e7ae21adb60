using System.Text.Json;
using System.Text.Json.Serialization;

namespace JinanOnboard.Cli;

/// <summary>
/// Exit codes shared by every verb: 0 ok, 1 failure, 2 usage or configuration error; 130 and 143 when SIGINT or SIGTERM
/// stopped the verb (the shell's 128 + signal convention, as the firmware uses).
/// </summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int Usage = 2;
    public const int Interrupted = 130;
    public const int Terminated = 143;
}

/// <summary>
/// A mistake by the user (bad file, bad value, unreachable peer): the top level prints
/// <see cref="Exception.Message"/> as one line and exits with <see cref="ExitCode"/>, no stack trace.
/// </summary>
internal sealed class UserErrorException(string message, int exitCode = ExitCodes.Usage) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}

/// <summary>One JSON style for every verb that prints results with --json.</summary>
internal static class CliJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static void Write<T>(T value, TextWriter? writer = null)
    {
        (writer ?? Console.Out).WriteLine(JsonSerializer.Serialize(value, Options));
    }
}
