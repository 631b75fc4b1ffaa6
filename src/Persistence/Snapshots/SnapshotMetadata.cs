namespace ProcessManager.Persistence.Snapshots;

/// <summary>Identifies a snapshot: the state of <paramref name="PersistenceId"/> after event <paramref name="SequenceNr"/>.</summary>
public sealed record SnapshotMetadata(string PersistenceId, long SequenceNr, DateTimeOffset Timestamp);

/// <summary>A snapshot as loaded from the store.</summary>
public sealed record SelectedSnapshot(SnapshotMetadata Metadata, object Snapshot);
