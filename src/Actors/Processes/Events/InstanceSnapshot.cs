namespace ProcessManager.Actors.Processes.Events;

/// <summary>Snapshot of an instance stream: what a restarted daemon needs of it (see <see cref="InstanceJournalState"/>).</summary>
/// <param name="EndedCode">Exit code of a program that ended and was not restarted (older snapshots: none).</param>
/// <param name="EndedSignal">Or the signal that ended it.</param>
/// <param name="Ended">Whether the last program ended with nothing scheduled after it.</param>
public sealed record InstanceSnapshot(int Restarts, int? Pid, ulong? StartTimeTicks, int JobRuns, bool Ended = false, int? EndedCode = null, int? EndedSignal = null);
