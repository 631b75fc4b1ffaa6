using ProcessManager.Host.Interop;

namespace ProcessManager.Host.Hosting;

/// <summary>
/// Caps glibc's malloc arenas for the daemon. glibc gives a thread that finds the arenas busy a new one, up to 8 per
/// core, and keeps what each one grew to: on a loaded machine the daemon's native heap (SQLite, sockets, the runtime)
/// grew by megabytes over a crash-restart storm and stayed there, while with two arenas it stays flat. The daemon's
/// native allocations are few and short, so contention on two arenas costs nothing measurable.
/// </summary>
public static class MallocArenas
{
    /// <summary>The daemon's cap, unless the operator chose one with glibc's own MALLOC_ARENA_MAX or GLIBC_TUNABLES.</summary>
    public const int DaemonDefault = 2;

    /// <summary>Sets the cap to <paramref name="arenas"/>; false when the operator's glibc setting wins or glibc refused.</summary>
    public static bool Limit(int arenas)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(arenas, 1);
        if (Environment.GetEnvironmentVariable("MALLOC_ARENA_MAX") is not null
            || Environment.GetEnvironmentVariable("GLIBC_TUNABLES")?.Contains("glibc.malloc.arena_max", StringComparison.Ordinal) == true)
        {
            return false;
        }

        return Libc.Mallopt(Libc.MArenaMax, arenas) == 1;
    }
}
