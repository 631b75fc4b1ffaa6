namespace ProcessManager.Persistence.Journal;

/// <summary>
/// Read-side queries for tools (<c>pbm process history</c>, the dashboard). Every query is bounded
/// by a <c>max</c> and is paged by an offset, so a caller never loads the whole journal.
/// </summary>
public interface IEventQueries
{
    /// <summary>Events of one id, ascending by sequence number (see <see cref="IJournal.ReadEventsAsync"/>).</summary>
    IAsyncEnumerable<PersistentEvent> EventsByPersistenceIdAsync(
        string persistenceId, long fromSequenceNr, long toSequenceNr, long max, CancellationToken cancellationToken = default);

    /// <summary>
    /// Events carrying <paramref name="tag"/> with <see cref="PersistentEvent.Ordering"/> &gt;
    /// <paramref name="afterOrdering"/>, ascending by ordering, at most <paramref name="max"/>.
    /// Pass the last ordering seen to read the next page.
    /// </summary>
    IAsyncEnumerable<PersistentEvent> EventsByTagAsync(
        string tag, long afterOrdering, long max, CancellationToken cancellationToken = default);

    /// <summary>Persistence ids sorted, those after <paramref name="after"/> (null = from the start), at most <paramref name="max"/>.</summary>
    Task<IReadOnlyList<string>> PersistenceIdsAsync(string? after, int max, CancellationToken cancellationToken = default);

    /// <summary>Highest sequence number of the id; 0 if none.</summary>
    Task<long> HighestSequenceNrAsync(string persistenceId, CancellationToken cancellationToken = default);
}
