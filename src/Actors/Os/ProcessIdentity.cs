using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using ProcessManager.Actors.Os.Logs;
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
    public static DateTimeOffset ToDateTime(ulong startTimeTicks) => BootTime.Value + SinceBoot(startTimeTicks);

    /// <summary>How long after boot a start time in ticks (clock ticks, to SC_CLK_TCK) is.</summary>
    public static TimeSpan SinceBoot(ulong startTimeTicks) => TimeSpan.FromSeconds((double)startTimeTicks / ClockTicksPerSecond);

    /// <summary>
    /// Watches a process this daemon did not start (or started before a restart): opens a pidfd, then
    /// checks the start time again so the pidfd is known to refer to the same process.
    /// Returns null when the process is gone or is another process now. The adopted process's
    /// <see cref="ChildProcess.Exited"/> completes with an unknown status (only its parent can read the code),
    /// and its output is not captured (its pipes went away with the old daemon). When it does not lead its
    /// process group, <see cref="ChildProcess.SignalGroup"/> signals it alone (through the pidfd).
    /// </summary>
    public static ChildProcess? Adopt(int pid, ulong startTimeTicks) => Adopt(pid, startTimeTicks, null, null);

    /// <summary>
    /// Like <see cref="Adopt(int, ulong)"/>, and when the program writes into <paramref name="fifos"/> (it was started
    /// with them), opens their read ends again and captures into <paramref name="log"/> from there, after one marker
    /// line saying that capture resumed and since when no daemon had read the output. When the program leads its
    /// process group, the group is killed with it (stop, or whatever is left when it exits), as for a program this
    /// daemon started, once the group is checked to still be the program's (the pid not reused).
    /// </summary>
    /// <param name="log">Where the captured output goes; no source of this log may be watched yet.</param>
    public static unsafe ChildProcess? Adopt(int pid, ulong startTimeTicks, ProcessLog? log, OutputFifos? fifos)
    {
        if (!IsAlive(pid, startTimeTicks))
        {
            // After a restart in place a program that ended meanwhile is our zombie: reap it (ECHILD when it is not ours).
            if (ProcStat.Read(pid) is { State: 'Z' } zombie && zombie.StartTimeTicks == startTimeTicks)
            {
                var gone = stackalloc byte[LibC.SigInfoSize];
                _ = LibC.waitid(LibC.P_PID, pid, gone, LibC.WEXITED | LibC.WNOHANG);
            }
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
        if (ProcStat.Read(pid) is not { } stat || stat.StartTimeTicks != startTimeTicks || stat.State is 'Z' or 'X')
        {
            _ = LibC.close(pidfd);
            return null;
        }
        var startedAt = ToDateTime(startTimeTicks);
        var timestamp = Stopwatch.GetTimestamp() - (long)((DateTimeOffset.UtcNow - startedAt).TotalSeconds * Stopwatch.Frequency);
        var (stdout, stderr) = log is not null && fifos is not null ? (fifos.OpenExisting(stderr: false), fifos.OpenExisting(stderr: true)) : (-1, -1);
        var leadsGroup = stat.ProcessGroup == pid;
        // Still our child after a restart in place (execve keeps the pid): then we reap it and learn its exit status.
        var info = stackalloc byte[LibC.SigInfoSize];
        var ownChild = LibC.waitid(LibC.P_PIDFD, pidfd, info, LibC.WEXITED | LibC.WNOHANG | LibC.WNOWAIT) == 0;
        var child = new ChildProcess(pid, pidfd, startTimeTicks, startedAt, timestamp, adopted: true, killGroupOnExit: leadsGroup, openPipes: (stdout >= 0 ? 1 : 0) + (stderr >= 0 ? 1 : 0), leadsGroup: leadsGroup, ownChild: ownChild);
        ExitWatcher.Watch(child);
        if (log is not null && (stdout >= 0 || stderr >= 0))
        {
            log.AppendMarker(ResumedMarker(fifos!, stdout, stderr));
            if (stdout >= 0)
            {
                LogPump.Watch(stdout, LogStreamKind.Stdout, log, child);
            }
            if (stderr >= 0)
            {
                LogPump.Watch(stderr, LogStreamKind.Stderr, log, child);
            }
        }
        return child;
    }

    private static string ResumedMarker(OutputFifos fifos, int stdout, int stderr)
    {
        // The FIFO's access time is when a daemon last read from it (the kernel sets it on reads that follow writes).
        var lastRead = new DateTimeOffset(File.GetLastAccessTimeUtc(stdout >= 0 ? fifos.StdoutPath : fifos.StderrPath), TimeSpan.Zero);
        var now = DateTimeOffset.UtcNow;
        var waiting = (stdout >= 0 ? OutputFifos.Waiting(stdout) : 0) + (stderr >= 0 ? OutputFifos.Waiting(stderr) : 0);
        return string.Create(CultureInfo.InvariantCulture,
            $"[pbm] capture resumed after a daemon restart: no daemon read this output from {lastRead:yyyy-MM-ddTHH:mm:ss.fffZ} to {now:yyyy-MM-ddTHH:mm:ss.fffZ} ({(now - lastRead).TotalSeconds:0.0} s); {waiting} bytes written meanwhile follow; a line the old daemon had read but not yet written may be missing before this one");
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
