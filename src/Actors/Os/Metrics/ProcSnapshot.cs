using System.Diagnostics;
using System.Globalization;

namespace ProcessManager.Actors.Os.Metrics;

/// <summary>
/// CPU ticks and RSS of every process, summed per session, from one pass over /proc/*/stat. One pass
/// serves every sampler that asks within <see cref="MaxAge"/>, so a thousand programs sampled at the
/// same interval cost one scan, not a thousand.
/// </summary>
internal static class ProcSnapshot
{
    internal static readonly TimeSpan MaxAge = TimeSpan.FromMilliseconds(250);
    private static readonly Lock Gate = new();
    private static Dictionary<int, SessionUsage> s_latest = [];
    private static long s_takenAt = long.MinValue;

    /// <summary>The scan in flight for <see cref="GetAsync"/> callers; null or completed when none runs.</summary>
    private static Task<(IReadOnlyDictionary<int, SessionUsage> Sessions, long Timestamp)>? s_pending;

    internal readonly record struct SessionUsage(ulong CpuTicks, long RssPages, int Processes);

    internal static (IReadOnlyDictionary<int, SessionUsage> Sessions, long Timestamp) Get()
    {
        lock (Gate)
        {
            var now = Stopwatch.GetTimestamp();
            if (s_takenAt == long.MinValue || Stopwatch.GetElapsedTime(s_takenAt, now) > MaxAge)
            {
                s_latest = Scan();
                s_takenAt = Stopwatch.GetTimestamp();
            }
            return (s_latest, s_takenAt);
        }
    }

    /// <summary>
    /// <see cref="Get"/> without blocking a thread: samplers that ask at the same instant (they tick together) share one
    /// scan on one pool thread and wait for it asynchronously, instead of each holding a pool thread on the lock, which
    /// made the pool grow threads.
    /// </summary>
    internal static Task<(IReadOnlyDictionary<int, SessionUsage> Sessions, long Timestamp)> GetAsync()
    {
        lock (Gate)
        {
            if (s_takenAt != long.MinValue && Stopwatch.GetElapsedTime(s_takenAt) <= MaxAge)
            {
                return Task.FromResult<(IReadOnlyDictionary<int, SessionUsage>, long)>((s_latest, s_takenAt));
            }

            if (s_pending is { IsCompleted: false } pending)
            {
                return pending;
            }

            s_pending = Task.Run(static () =>
            {
                var scan = Scan();
                lock (Gate)
                {
                    s_latest = scan;
                    s_takenAt = Stopwatch.GetTimestamp();
                    return ((IReadOnlyDictionary<int, SessionUsage>)s_latest, s_takenAt);
                }
            });
            return s_pending;
        }
    }

    /// <summary>Makes the next <see cref="Get"/> scan afresh (tests that must see a change at once).</summary>
    internal static void Invalidate()
    {
        lock (Gate)
        {
            s_takenAt = long.MinValue;
            s_pending = null;
        }
    }

    private static Dictionary<int, SessionUsage> Scan()
    {
        var sessions = new Dictionary<int, SessionUsage>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            var name = dir.AsSpan(6);
            if (name.IsEmpty || !char.IsAsciiDigit(name[0]) || !int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }
            if (ProcStat.Read(pid) is not { } stat || stat.Session <= 0 || stat.State == 'Z')
            {
                continue;
            }
            sessions.TryGetValue(stat.Session, out var usage);
            sessions[stat.Session] = new SessionUsage(
                usage.CpuTicks + stat.UserTicks + stat.SystemTicks,
                usage.RssPages + stat.RssPages,
                usage.Processes + 1);
        }
        return sessions;
    }
}
