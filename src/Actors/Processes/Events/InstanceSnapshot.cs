namespace ProcessManager.Actors.Processes.Events;

/// <summary>Snapshot of an instance stream: what a restarted daemon needs of it (see <see cref="InstanceJournalState"/>).</summary>
public sealed record InstanceSnapshot(int Restarts, int? Pid, ulong? StartTimeTicks, int JobRuns);
