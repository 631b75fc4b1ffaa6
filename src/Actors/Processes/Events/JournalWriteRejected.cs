namespace ProcessManager.Actors.Processes.Events;

/// <summary>
/// Published on the event stream when the journal refused one of this product's events: what was not recorded and
/// why. The daemon counts them for <c>pbm daemon status</c>.
/// </summary>
public sealed record JournalWriteRejected(string PersistenceId, string EventType, string Reason, DateTimeOffset At);
