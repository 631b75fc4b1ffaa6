using ProcessManager.Persistence.Snapshots;

namespace ProcessManager.Persistence;

/// <summary>Offered to the recovery handler first when a snapshot was loaded; events after it follow.</summary>
public sealed record SnapshotOffer(SnapshotMetadata Metadata, object Snapshot);

/// <summary>Sent to the recovery handler after the last replayed event; commands are processed from now on.</summary>
public sealed record RecoveryCompleted
{
    public static RecoveryCompleted Instance { get; } = new();

    private RecoveryCompleted()
    {
    }
}

/// <summary>Reply (as a command) to <see cref="PersistentActor.SaveSnapshot"/>.</summary>
public sealed record SaveSnapshotSuccess(SnapshotMetadata Metadata);

/// <summary>Reply (as a command) to <see cref="PersistentActor.SaveSnapshot"/> when the store failed.</summary>
public sealed record SaveSnapshotFailure(SnapshotMetadata Metadata, Exception Cause);

/// <summary>Reply (as a command) to <see cref="PersistentActor.DeleteMessages"/>.</summary>
public sealed record DeleteMessagesSuccess(long ToSequenceNr);

/// <summary>Reply (as a command) to <see cref="PersistentActor.DeleteMessages"/> when the store failed.</summary>
public sealed record DeleteMessagesFailure(long ToSequenceNr, Exception Cause);

/// <summary>Reply (as a command) to <see cref="PersistentActor.DeleteSnapshots"/>.</summary>
public sealed record DeleteSnapshotsSuccess(SnapshotSelectionCriteria Criteria);

/// <summary>Reply (as a command) to <see cref="PersistentActor.DeleteSnapshots"/> when the store failed.</summary>
public sealed record DeleteSnapshotsFailure(SnapshotSelectionCriteria Criteria, Exception Cause);
