using ProcessManager.Persistence.Snapshots;

namespace ProcessManager.Persistence.Retention;

/// <summary>
/// Keeps the journal bounded per persistence id: after a snapshot at N, events older than both N and
/// the newest <see cref="RetentionSettings.MaxEventsPerProcess"/> go, and so do older snapshots.
/// Recovery then loads the snapshot and replays at most the retained tail.
/// </summary>
public static class RetentionPolicy
{
    /// <summary>True when <paramref name="sequenceNr"/> is <c>snapshot-every</c> events past the last snapshot.</summary>
    public static bool IsSnapshotDue(long sequenceNr, long lastSnapshotSequenceNr, RetentionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.SnapshotEvery > 0 && sequenceNr - lastSnapshotSequenceNr >= settings.SnapshotEvery;
    }

    /// <summary>
    /// The sequence nr to delete events up to (inclusive), or 0 for none: never past the snapshot
    /// (its state must stay recoverable) and never into the newest <paramref name="maxEventsPerProcess"/> (history).
    /// </summary>
    public static long DeletableUpTo(long snapshotSequenceNr, long highestSequenceNr, int maxEventsPerProcess)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEventsPerProcess, 1);
        return Math.Max(0, Math.Min(snapshotSequenceNr, highestSequenceNr - maxEventsPerProcess));
    }

    /// <summary>Applies retention after a snapshot at <paramref name="snapshotSequenceNr"/> was saved.</summary>
    /// <returns>The sequence nr events were deleted up to (0 = none).</returns>
    public static async Task<long> ApplyAfterSnapshotAsync(
        IPersistenceStore store, string persistenceId, long snapshotSequenceNr, RetentionSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(settings);
        var highest = await store.ReadHighestSequenceNrAsync(persistenceId, cancellationToken).ConfigureAwait(false);
        var deleteTo = DeletableUpTo(snapshotSequenceNr, highest, settings.MaxEventsPerProcess);
        if (deleteTo > 0)
        {
            await store.DeleteEventsToAsync(persistenceId, deleteTo, cancellationToken).ConfigureAwait(false);
        }

        if (snapshotSequenceNr > 1)
        {
            await store.DeleteSnapshotsAsync(persistenceId, SnapshotSelectionCriteria.UpTo(snapshotSequenceNr - 1), cancellationToken)
                .ConfigureAwait(false);
        }

        return deleteTo;
    }
}
