using System.Runtime.InteropServices;

namespace ProcessManager.EndToEnd.Tests;

/// <summary>kill(2): the tests' last resort for what they started.</summary>
internal static partial class Signals
{
    public const int SigInt = 2;
    public const int SigKill = 9;

    /// <summary>Sends a signal to a process group (the daemon and each program lead their own).</summary>
    public static void KillGroup(int pgid, int signal = SigKill) => _ = Kill(-pgid, signal);

    public static void Send(int pid, int signal) => _ = Kill(pid, signal);

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
