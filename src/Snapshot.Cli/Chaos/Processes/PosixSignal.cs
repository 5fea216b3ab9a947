using System.ComponentModel;
using System.Runtime.InteropServices;

namespace Snapshot.Cli.Chaos.Processes;

/// <summary>
/// Sends a signal to a process by id. .NET kills (SIGKILL) but neither stops, continues nor interrupts a process, so
/// this calls libc's kill(2); the numbers of SIGSTOP and SIGCONT differ between Linux and macOS.
/// </summary>
public static class PosixSignal
{
    public const int Interrupt = 2;
    public const int Kill = 9;
    public static readonly int Stop = OperatingSystem.IsMacOS() ? 17 : 19;
    public static readonly int Continue = OperatingSystem.IsMacOS() ? 19 : 18;

    /// <summary>Linux and macOS have kill(2); Windows has none of these signals.</summary>
    public static bool Supported => OperatingSystem.IsLinux() || OperatingSystem.IsMacOS();

    /// <exception cref="Win32Exception">The process is gone, or not ours to signal.</exception>
    public static void Send(int processId, int signal)
    {
        if (SendSignal(processId, signal) != 0)
            throw new Win32Exception(Marshal.GetLastPInvokeError(), $"kill({processId}, {signal}) failed");
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int sig);
}
