namespace ProcessManager.Persistence.Snapshots;

/// <summary>Stores snapshots of actor state; writes share the journal's group commit.</summary>
public interface ISnapshotStore
{
    /// <summary>Saves (or replaces) the snapshot at <c>metadata.SequenceNr</c>; completes when durable.</summary>
    Task SaveSnapshotAsync(SnapshotMetadata metadata, object snapshot, CancellationToken cancellationToken = default);

    /// <summary>The snapshot with the highest sequence number matching <paramref name="criteria"/>, or null.</summary>
    /// <exception cref="EventDeserializationException">The snapshot cannot be read (names id and nr).</exception>
    Task<SelectedSnapshot?> LoadSnapshotAsync(
        string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default);

    /// <summary>Deletes every snapshot of the id matching <paramref name="criteria"/>.</summary>
    Task DeleteSnapshotsAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default);
}
