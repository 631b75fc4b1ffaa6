namespace ProcessManager.Persistence.Bench;

/// <summary>Shaped like a process state change: a name, a pid, an exit code, a timestamp.</summary>
public sealed record ProcessEvent(string Name, int Pid, int? ExitCode, DateTime At);

/// <summary>The bench actor's state (and snapshot).</summary>
public sealed record ProcessState(string Name, int Restarts, int? LastPid);

/// <summary>Persist this event; the reply is <see cref="Persisted"/>.</summary>
public sealed record Record(ProcessEvent Event);

/// <summary>Persist these events at once (seeding); the reply is <see cref="Persisted"/>.</summary>
public sealed record RecordAll(IReadOnlyList<ProcessEvent> Events, bool SnapshotAfter);

/// <summary>The event(s) are durable; <see cref="SequenceNr"/> is the last one's.</summary>
public sealed record Persisted(long SequenceNr);

/// <summary>The actor finished recovery at <see cref="SequenceNr"/>.</summary>
public sealed record Recovered(string PersistenceId, long SequenceNr);
