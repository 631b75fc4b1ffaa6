using System.Diagnostics;
using ProcessManager.Actors.Os.Native;

namespace ProcessManager.Actors.Os.Metrics;

/// <summary>
/// Samples CPU% and RSS of one program's whole process tree (its session, which includes
/// grandchildren unless they started a session of their own) and keeps a bounded history.
/// One per app instance; it survives restarts (a new session id restarts the CPU baseline).
/// Call <see cref="Sample"/> at <see cref="MetricsSettings.Interval"/> from one owner at a time.
/// </summary>
public sealed class ProcessTreeSampler
{
    private static readonly double ClockTicksPerSecond = Math.Max(1, LibC.sysconf(LibC.SC_CLK_TCK));
    private static readonly long PageSize = Environment.SystemPageSize;

    private int _sessionId;
    private ulong _lastTicks;
    private long _lastTimestamp;

    public ProcessTreeSampler(MetricsSettings? settings = null)
    {
        Settings = settings ?? new MetricsSettings();
        Settings.Validate();
        History = new SampleHistory(Settings.HistoryCapacity);
    }

    public MetricsSettings Settings { get; }

    public SampleHistory History { get; }

    /// <summary>Reads /proc (shared with other samplers asking at the same time), records and returns the sample.</summary>
    /// <param name="sessionId">The program's pid (= its session id).</param>
    public ProcessSample Sample(int sessionId)
    {
        var (sessions, timestamp) = ProcSnapshot.Get();
        return Record(sessionId, sessions, timestamp);
    }

    /// <summary><see cref="Sample"/> without holding a pool thread while /proc is read (it waits for a shared scan).</summary>
    public async Task<ProcessSample> SampleAsync(int sessionId)
    {
        var (sessions, timestamp) = await ProcSnapshot.GetAsync().ConfigureAwait(false);
        return Record(sessionId, sessions, timestamp);
    }

    private ProcessSample Record(int sessionId, IReadOnlyDictionary<int, ProcSnapshot.SessionUsage> sessions, long timestamp)
    {
        sessions.TryGetValue(sessionId, out var usage);
        double cpu = 0;
        if (sessionId == _sessionId && timestamp > _lastTimestamp && usage.CpuTicks >= _lastTicks)
        {
            var seconds = Stopwatch.GetElapsedTime(_lastTimestamp, timestamp).TotalSeconds;
            cpu = (usage.CpuTicks - _lastTicks) / ClockTicksPerSecond / seconds * 100;
        }
        if (sessionId != _sessionId || timestamp > _lastTimestamp)
        {
            _sessionId = sessionId;
            _lastTicks = usage.CpuTicks;
            _lastTimestamp = timestamp;
        }
        var sample = new ProcessSample(DateTimeOffset.UtcNow, Math.Round(cpu, 2), usage.RssPages * PageSize, usage.Processes);
        History.Add(sample);
        return sample;
    }
}
