namespace ProcessManager.Actors.Processes.Journal;

/// <summary>An event as read back from the journal.</summary>
public sealed record JournaledProcessEvent(string PersistenceId, long SequenceNr, DateTimeOffset Timestamp, ProcessEvent Event);
