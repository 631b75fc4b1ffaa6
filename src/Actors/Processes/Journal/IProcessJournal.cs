namespace ProcessManager.Actors.Processes.Journal;

/// <summary>
/// Where process events are stored. Appends to one persistence id are awaited in order by the
/// caller; implementations must make an acknowledged append durable.
/// </summary>
public interface IProcessJournal
{
    Task AppendAsync(string persistenceId, ProcessEvent processEvent, CancellationToken cancellationToken = default);

    /// <summary>
    /// Appends the events in order. The default appends them one by one; a store that can write many in
    /// one transaction should (one durable write for a burst instead of one per event), and a store that can
    /// fail must: the writer tries a failed batch again, which is exact only when it is all or none.
    /// </summary>
    async Task AppendManyAsync(IReadOnlyList<(string PersistenceId, ProcessEvent Event)> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        foreach (var (id, processEvent) in events)
        {
            await AppendAsync(id, processEvent, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Events of one persistence id, oldest first, at most <paramref name="limit"/> (the newest ones).</summary>
    Task<IReadOnlyList<JournaledProcessEvent>> ReadAsync(string persistenceId, DateTimeOffset? since, int limit, CancellationToken cancellationToken = default);

    /// <summary>Every persistence id with the given prefix ("app/" lists the declared apps).</summary>
    Task<IReadOnlyList<string>> PersistenceIdsAsync(string prefix, CancellationToken cancellationToken = default);
}
