namespace ProcessManager.Persistence.Snapshots;

/// <summary>Selects snapshots by sequence number and timestamp bounds (all inclusive).</summary>
public sealed record SnapshotSelectionCriteria(
    long MaxSequenceNr,
    DateTimeOffset MaxTimestamp,
    long MinSequenceNr = 0,
    DateTimeOffset MinTimestamp = default)
{
    /// <summary>Every snapshot: the latest is chosen on load.</summary>
    public static SnapshotSelectionCriteria Latest { get; } = new(long.MaxValue, DateTimeOffset.MaxValue);

    /// <summary>No snapshot: recovery replays from the first event.</summary>
    public static SnapshotSelectionCriteria None { get; } = new(0, DateTimeOffset.MinValue);

    /// <summary>Snapshots at or below a sequence number.</summary>
    public static SnapshotSelectionCriteria UpTo(long maxSequenceNr) => new(maxSequenceNr, DateTimeOffset.MaxValue);

    internal long MinTimestampMs => Math.Max(MinTimestamp.ToUnixTimeMilliseconds(), 0);

    internal long MaxTimestampMs => MaxTimestamp.ToUnixTimeMilliseconds();
}
