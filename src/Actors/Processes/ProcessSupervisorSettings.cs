using ProcessManager.Actors.Os;
using ProcessManager.Actors.Os.Logs;

namespace ProcessManager.Actors.Processes;

/// <summary>
/// Daemon-wide settings of process supervision. The daemon gives every app pbm.process-defaults from
/// reference.conf (logs.directory, metrics.interval, metrics.history), so the first three apply only to specs that
/// leave those unset (ad hoc specs built in code, embedding applications).
/// </summary>
/// <param name="LogDirectory">Where capture files go when a spec names no directory; default $PBM_HOME/logs.</param>
/// <param name="MetricsInterval">How often CPU/RSS of each process tree is sampled (and the memory limit checked); default 2s.</param>
/// <param name="MetricsHistory">Samples kept per instance; default 300.</param>
/// <param name="CommandTimeout">Upper bound for a start/stop/restart to settle, on top of the spec's stop timeout; default 30s.</param>
public sealed record ProcessSupervisorSettings(
    string LogDirectory,
    TimeSpan MetricsInterval,
    int MetricsHistory,
    TimeSpan CommandTimeout)
{
    // Before Default: static initialisers run in order, and Default's instance initialiser reads it.
    private static readonly IReadOnlyDictionary<string, IReadOnlyList<TaggedProcess>> NoSurvivors = new Dictionary<string, IReadOnlyList<TaggedProcess>>();

    public static ProcessSupervisorSettings Default { get; } = new(
        ProcessLog.DefaultDirectory, TimeSpan.FromSeconds(2), 300, TimeSpan.FromSeconds(30));

    /// <summary>
    /// The Akka.Persistence.Query read journal (its plugin id) that <c>pbm process history</c> reads and that the first
    /// start on a pre-registry journal scans for apps; null = none (history is then refused, and no journal is scanned).
    /// </summary>
    public string? ReadJournalId { get; init; }

    /// <summary>pbm.persistence.retention.snapshot-every: a persistent actor saves a snapshot every this many events (0 = never). Default 200.</summary>
    public int SnapshotEvery { get; init; } = 200;

    /// <summary>
    /// pbm.persistence.retention.max-events-per-process: events kept per stream for history once a snapshot covers
    /// them; older ones are deleted. Default 10,000.
    /// </summary>
    public int RetainedEvents { get; init; } = 10_000;

    /// <summary>
    /// The longest stop timeout an app may have: coordinated shutdown's service-stop phase gives programs this long,
    /// so a spec that asks for longer is refused instead of being cut short silently. Null = no limit (an embedding
    /// application that manages its own shutdown).
    /// </summary>
    public TimeSpan? MaxStopTimeout { get; init; }

    /// <summary>
    /// pbm.output-capture: programs' stdout/stderr go through FIFOs in this folder so that they outlive the daemon and a
    /// restarted daemon keeps capturing; null = plain pipes (output of a program that outlives the daemon is lost).
    /// </summary>
    public OutputCaptureSettings? OutputCapture { get; init; }

    /// <summary>
    /// Marks every program with its daemon and instance (<see cref="ProgramTag"/>), so that a restarted daemon finds the
    /// programs its journal does not know; null = programs are not marked and nothing is looked for.
    /// </summary>
    public ProgramTag? ProgramTag { get; init; }

    /// <summary>The marked processes found at daemon start (<see cref="TaggedProcessScan"/>), by instance name.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<TaggedProcess>> Survivors { get; init; } = NoSurvivors;

    /// <summary>
    /// Programs are spawned only once this completes; null = at once. The daemon opens it when its API answers, so that a
    /// start with many apps to bring back answers first (programs still running from before are adopted meanwhile).
    /// </summary>
    public Task? SpawnGate { get; init; }

    /// <summary>Messages a recovering supervisor holds back until every app has recovered (count); beyond, callers are told to retry.</summary>
    public int RecoveryStashCapacity { get; init; } = 10_000;

    /// <summary>
    /// pbm.observability.idle-sample-interval: how often a program without a memory limit is sampled while nobody asks
    /// for figures (no <see cref="Os.Metrics.SamplingDemand"/> within its window); null = always at its metrics.interval.
    /// </summary>
    public TimeSpan? IdleMetricsInterval { get; init; }
}
