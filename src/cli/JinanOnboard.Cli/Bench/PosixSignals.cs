using System.Runtime.InteropServices;

namespace JinanOnboard.Cli.Bench;

/// <summary>
/// libc kill(): SIGTERM to a firmware process (Process.Kill only sends SIGKILL). The firmware is started as
/// `dotnet FIRMWARE.dll`, and the dotnet host runs the app in its own process, so the pid is the firmware itself.
/// </summary>
internal static partial class PosixSignals
{
    private const int SigTerm = 15;

    /// <summary>Sends SIGTERM to <paramref name="pid"/>; false if it could not be sent (e.g. the process is gone).</summary>
    public static bool Terminate(int pid) => Kill(pid, SigTerm) == 0;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
