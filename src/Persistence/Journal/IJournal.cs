namespace ProcessManager.Persistence.Journal;

/// <summary>The write side of the event journal, used by persistent actors.</summary>
public interface IJournal
{
    /// <summary>
    /// Writes the events atomically (all or none) and completes once they are durable.
    /// Writes from concurrent callers are grouped into one transaction (group commit).
    /// </summary>
    /// <exception cref="JournalConflictException">A sequence number is already taken (a second writer for the id).</exception>
    /// <exception cref="PersistenceException">The database failed; nothing of this write is stored.</exception>
    Task WriteAsync(IReadOnlyList<PersistentEvent> events, CancellationToken cancellationToken = default);

    /// <summary>
    /// Events of <paramref name="persistenceId"/> with <paramref name="fromSequenceNr"/> &lt;= nr &lt;=
    /// <paramref name="toSequenceNr"/>, ascending, at most <paramref name="max"/>; deleted events are skipped.
    /// </summary>
    /// <exception cref="EventDeserializationException">A stored event cannot be read (names id and nr).</exception>
    IAsyncEnumerable<PersistentEvent> ReadEventsAsync(
        string persistenceId, long fromSequenceNr, long toSequenceNr, long max, CancellationToken cancellationToken = default);

    /// <summary>Highest sequence number ever written for the id (kept even after deletion); 0 if none.</summary>
    Task<long> ReadHighestSequenceNrAsync(string persistenceId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes the events up to and including <paramref name="toSequenceNr"/>. The highest sequence
    /// number stays known, so a recovering actor continues numbering after it.
    /// </summary>
    Task DeleteEventsToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken = default);
}
