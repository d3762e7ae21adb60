using System.Diagnostics;
using System.Runtime.InteropServices;

namespace JinanOnboard.Cli.Bench;

/// <summary>
/// Where the firmware executables are: JinanOnboard.Payload and JinanOnboard.Ground are the real entry points
/// of each firmware; `jinan payload`, `jinan ground` and the bench start them as processes (the CLI links
/// neither). `./jinan` publishes them beside the CLI; in a build tree they are found in their projects' bin/.
/// </summary>
internal static class FirmwareExecutable
{
    /// <summary>The command line that starts <paramref name="role"/>'s firmware ("payload" or "ground").</summary>
    public static (string FileName, string[] Prefix) For(string role)
    {
        string name = role == "payload" ? "JinanOnboard.Payload" : "JinanOnboard.Ground";
        string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH")
            ?? (Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet");
        foreach (string candidate in Candidates(name, role))
        {
            if (File.Exists(candidate))
            {
                return (dotnet, [candidate]);
            }
        }

        throw new UserErrorException($"the {role} firmware ({name}.dll) is not beside jinan nor built in this repository: run ./jinan once (it publishes both firmwares) or make build", ExitCodes.Failure);
    }

    private static IEnumerable<string> Candidates(string name, string role)
    {
        yield return Path.Combine(AppContext.BaseDirectory, name + ".dll");
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "JinanOnboard.sln")))
            {
                foreach (string configuration in new[] { "Release", "Debug" })
                {
                    yield return Path.Combine(directory.FullName, "src", role, name, "bin", configuration, "net10.0", name + ".dll");
                }

                yield break;
            }
        }
    }

    /// <summary>
    /// `jinan payload|ground ARGS`: runs the firmware executable in the foreground with this terminal, passes
    /// SIGTERM on (Ctrl-C reaches the whole process group by itself) and returns its exit code.
    /// </summary>
    public static async Task<int> RunForegroundAsync(string role, IReadOnlyList<string> arguments)
    {
        (string fileName, string[] prefix) = For(role);
        var info = new ProcessStartInfo(fileName) { UseShellExecute = false };
        foreach (string argument in prefix.Concat(arguments))
        {
            info.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(info) ?? throw new UserErrorException($"cannot start the {role} firmware", ExitCodes.Failure);
        using PosixSignalRegistration term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true; // wait for the firmware to stop cleanly and return its exit code
            _ = PosixSignals.Terminate(process.Id);
        });
        using PosixSignalRegistration interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => context.Cancel = true);
        await process.WaitForExitAsync();
        return process.ExitCode;
    }
}
