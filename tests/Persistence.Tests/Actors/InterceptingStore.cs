using ProcessManager.Persistence.Journal;
using ProcessManager.Persistence.Snapshots;

namespace ProcessManager.Persistence.Tests.Actors;

/// <summary>A real store with a hook before each journal write: to hold writes back or fail them.</summary>
public sealed class InterceptingStore(IPersistenceStore inner) : IPersistenceStore
{
    /// <summary>Runs before the write reaches the inner store; a throw fails the write.</summary>
    public Func<IReadOnlyList<PersistentEvent>, Task>? BeforeWrite { get; set; }

    public PersistenceSettings Settings => inner.Settings;

    public int SchemaVersion => inner.SchemaVersion;

    public async Task WriteAsync(IReadOnlyList<PersistentEvent> events, CancellationToken cancellationToken = default)
    {
        if (BeforeWrite is { } hook)
        {
            await hook(events);
        }

        await inner.WriteAsync(events, cancellationToken);
    }

    public IAsyncEnumerable<PersistentEvent> ReadEventsAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, long max, CancellationToken cancellationToken = default) =>
        inner.ReadEventsAsync(persistenceId, fromSequenceNr, toSequenceNr, max, cancellationToken);

    public Task<long> ReadHighestSequenceNrAsync(string persistenceId, CancellationToken cancellationToken = default) =>
        inner.ReadHighestSequenceNrAsync(persistenceId, cancellationToken);

    public Task DeleteEventsToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken = default) =>
        inner.DeleteEventsToAsync(persistenceId, toSequenceNr, cancellationToken);

    public Task SaveSnapshotAsync(SnapshotMetadata metadata, object snapshot, CancellationToken cancellationToken = default) =>
        inner.SaveSnapshotAsync(metadata, snapshot, cancellationToken);

    public Task<SelectedSnapshot?> LoadSnapshotAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default) =>
        inner.LoadSnapshotAsync(persistenceId, criteria, cancellationToken);

    public Task DeleteSnapshotsAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default) =>
        inner.DeleteSnapshotsAsync(persistenceId, criteria, cancellationToken);

    public IAsyncEnumerable<PersistentEvent> EventsByPersistenceIdAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, long max, CancellationToken cancellationToken = default) =>
        inner.EventsByPersistenceIdAsync(persistenceId, fromSequenceNr, toSequenceNr, max, cancellationToken);

    public IAsyncEnumerable<PersistentEvent> EventsByTagAsync(string tag, long afterOrdering, long max, CancellationToken cancellationToken = default) =>
        inner.EventsByTagAsync(tag, afterOrdering, max, cancellationToken);

    public Task<IReadOnlyList<string>> PersistenceIdsAsync(string? after, int max, CancellationToken cancellationToken = default) =>
        inner.PersistenceIdsAsync(after, max, cancellationToken);

    public Task<long> HighestSequenceNrAsync(string persistenceId, CancellationToken cancellationToken = default) =>
        inner.HighestSequenceNrAsync(persistenceId, cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
