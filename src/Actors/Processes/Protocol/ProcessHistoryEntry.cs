namespace ProcessManager.Actors.Processes.Protocol;

/// <summary>One persisted event of an app, for `pbm process history NAME`.</summary>
/// <param name="SequenceNr">Sequence number within the instance's (or app's) journal stream.</param>
/// <param name="Timestamp">When the event was persisted.</param>
/// <param name="Instance">NAME-INDEX, or the app name for app-level events (declared, config changed, deleted).</param>
/// <param name="Event">Kebab-case event name: declared, config-changed, started, exited, restart-scheduled, crash-loop-entered, crash-loop-left, stopped, deleted, memory-limit-restart, job-finished, errored.</param>
/// <param name="Detail">Human-readable detail: pid, exit status, delay and reason.</param>
public sealed record ProcessHistoryEntry(long SequenceNr, DateTimeOffset Timestamp, string Instance, string Event, string Detail);
