using System.Runtime.InteropServices;

namespace ProcessManager.Cluster.Tests;

/// <summary>kill(2), for the daemons and programs the tests started (by pid only).</summary>
internal static partial class Signals
{
    public const int SigKill = 9;
    public const int SigTerm = 15;
    public const int SigCont = 18;
    public const int SigStop = 19;

    public static void Send(int pid, int signal) => _ = Kill(pid, signal);

    /// <summary>A program leads its own process group: this ends it and what it started.</summary>
    public static void KillGroup(int pgid) => _ = Kill(-pgid, SigKill);

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
