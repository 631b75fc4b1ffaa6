using ProcessManager.Persistence.Configuration;

namespace ProcessManager.Persistence.Retention;

/// <summary>
/// Keeps the journal bounded per persistence id: after a snapshot at N, events older than both N and
/// the newest <see cref="RetentionSettings.MaxEventsPerProcess"/> may go (the actor deletes them with
/// <c>DeleteMessages</c>), and so may older snapshots. Recovery then loads the snapshot and replays at
/// most the retained tail.
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
}
