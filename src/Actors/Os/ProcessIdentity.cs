using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using ProcessManager.Actors.Os.Native;

namespace ProcessManager.Actors.Os;

/// <summary>
/// A pid alone is not an identity (pids are reused, pid_max may be 32768); pid + start time
/// (/proc/PID/stat field 22, clock ticks since boot) is. Used to find programs again after a daemon restart.
/// </summary>
public static class ProcessIdentity
{
    private static readonly long ClockTicksPerSecond = Math.Max(1, LibC.sysconf(LibC.SC_CLK_TCK));
    private static readonly Lazy<DateTimeOffset> BootTime = new(ReadBootTime);

    /// <summary>The start time of <paramref name="pid"/>, or null when no such process exists.</summary>
    public static ulong? ReadStartTime(int pid) => ProcStat.Read(pid)?.StartTimeTicks;

    /// <summary>True when <paramref name="pid"/> exists, is not a zombie, and started at <paramref name="startTimeTicks"/>.</summary>
    public static bool IsAlive(int pid, ulong startTimeTicks) =>
        ProcStat.Read(pid) is { } stat && stat.StartTimeTicks == startTimeTicks && stat.State != 'Z' && stat.State != 'X';

    /// <summary>The wall-clock time a start time in ticks corresponds to.</summary>
    public static DateTimeOffset ToDateTime(ulong startTimeTicks) =>
        BootTime.Value.AddSeconds((double)startTimeTicks / ClockTicksPerSecond);

    /// <summary>
    /// Watches a process this daemon did not start (or started before a restart): opens a pidfd, then
    /// checks the start time again so the pidfd is known to refer to the same process.
    /// Returns null when the process is gone or is another process now. The adopted process's
    /// <see cref="ChildProcess.Exited"/> completes with an unknown status (only its parent can read the code),
    /// and its output is not captured (its pipes went away with the old daemon).
    /// </summary>
    public static ChildProcess? Adopt(int pid, ulong startTimeTicks)
    {
        if (!IsAlive(pid, startTimeTicks))
        {
            return null;
        }
        var pidfd = (int)LibC.syscall(LibC.SYS_pidfd_open, pid, 0);
        if (pidfd < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno == LibC.ESRCH)
            {
                return null;
            }
            throw new InvalidOperationException($"pidfd_open({pid}) failed: {LibC.ErrorText(errno)}");
        }
        if (!IsAlive(pid, startTimeTicks))
        {
            _ = LibC.close(pidfd);
            return null;
        }
        var startedAt = ToDateTime(startTimeTicks);
        var timestamp = Stopwatch.GetTimestamp() - (long)((DateTimeOffset.UtcNow - startedAt).TotalSeconds * Stopwatch.Frequency);
        var child = new ChildProcess(pid, pidfd, startTimeTicks, startedAt, timestamp, adopted: true, killGroupOnExit: false, openPipes: 0);
        ExitWatcher.Watch(child);
        return child;
    }

    private static DateTimeOffset ReadBootTime()
    {
        foreach (var line in File.ReadLines("/proc/stat"))
        {
            if (line.StartsWith("btime ", StringComparison.Ordinal))
            {
                return DateTimeOffset.FromUnixTimeSeconds(long.Parse(line.AsSpan(6).Trim(), CultureInfo.InvariantCulture));
            }
        }
        throw new InvalidOperationException("/proc/stat has no btime line");
    }
}
