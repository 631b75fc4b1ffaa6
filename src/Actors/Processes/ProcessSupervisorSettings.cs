using ProcessManager.Actors.Os.Logs;

namespace ProcessManager.Actors.Processes;

/// <summary>
/// Daemon-wide settings of process supervision. The daemon gives every app pbm.process-defaults from
/// reference.conf (logs.directory, metrics.interval, metrics.history), so these apply only to specs that
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
    public static ProcessSupervisorSettings Default { get; } = new(
        ProcessLog.DefaultDirectory, TimeSpan.FromSeconds(2), 300, TimeSpan.FromSeconds(30));
}
