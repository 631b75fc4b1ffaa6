using ProcessManager.Persistence.Journal;
using ProcessManager.Persistence.Snapshots;

namespace ProcessManager.Persistence;

/// <summary>Journal, snapshot store and queries over one database. Open with <see cref="PersistenceStore.OpenAsync"/>.</summary>
public interface IPersistenceStore : IJournal, ISnapshotStore, IEventQueries, IAsyncDisposable
{
    /// <summary>The settings the store was opened with.</summary>
    PersistenceSettings Settings { get; }

    /// <summary>The schema version the database is at after migrations.</summary>
    int SchemaVersion { get; }
}
