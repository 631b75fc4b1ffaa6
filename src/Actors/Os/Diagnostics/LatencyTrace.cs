using System.Diagnostics;

namespace ProcessManager.Actors.Os.Diagnostics;

/// <summary>A point on the start or restart path of a program.</summary>
public enum LatencyStage : byte
{
    SupervisorCommand,
    InstanceCommand,
    SpawnRequested,
    SpawnThread,
    PosixSpawnCall,
    PosixSpawnReturn,
    ExitWatched,
    SpawnResultOnActor,
    InstanceRunning,
    ExitSeen,
    ExitOnProcessActor,
    ExitOnInstance,
    RestartDue,
    UsbUeventRead,
    UsbDeviceOnWatcher,
    UsbRuleCommandSent,
    SupervisorStartProcess,
    AppStartCommand,
    AppStartRecorded,
    PluginFilesChanged,
    PluginScanStarted,
    PluginScanApplied,
    PluginActorStarted,
    PluginSpawnThread,
    PluginWorkerSpawned,
    PluginWorkerReady,
}

/// <summary>One recorded point: stage, key (instance index, -1 for app-wide) and Stopwatch timestamp.</summary>
public readonly record struct LatencyMark(LatencyStage Stage, int Key, long Timestamp);

/// <summary>
/// Timestamps along the spawn and crash → respawn paths, for the process benchmark's breakdown.
/// Off unless PBM_LATENCY_TRACE=1 when the process starts: a static readonly flag the JIT folds
/// away, so the hot path pays nothing. Bounded: marks beyond <see cref="Capacity"/> are not kept.
/// </summary>
public static class LatencyTrace
{
    public const int Capacity = 1 << 16;

    // Declared before Marks: static initialisers run in order, and the buffer exists only when tracing.
    public static bool Enabled { get; } = Environment.GetEnvironmentVariable("PBM_LATENCY_TRACE") == "1";

    private static readonly LatencyMark[] Marks = Enabled ? new LatencyMark[Capacity] : [];
    private static int s_next;

    /// <summary>The instance index marks on this thread belong to (set around a spawn).</summary>
    [ThreadStatic]
    private static int t_key;

    internal static int CurrentKey
    {
        get => t_key;
        set => t_key = value;
    }

    public static void Mark(LatencyStage stage, int key)
    {
        if (!Enabled)
        {
            return;
        }

        var slot = Interlocked.Increment(ref s_next) - 1;
        if (slot < Capacity)
        {
            Marks[slot] = new LatencyMark(stage, key, Stopwatch.GetTimestamp());
        }
    }

    /// <summary>Takes the marks recorded so far (call while nothing is being marked) and starts afresh.</summary>
    public static LatencyMark[] Drain()
    {
        var count = Math.Min(Capacity, Interlocked.Exchange(ref s_next, 0));
        return Marks.AsSpan(0, count).ToArray();
    }
}
