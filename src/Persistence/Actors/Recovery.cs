using ProcessManager.Persistence.Snapshots;

namespace ProcessManager.Persistence;

/// <summary>How a persistent actor recovers: which snapshot, up to which event, how many events.</summary>
public sealed record Recovery(SnapshotSelectionCriteria FromSnapshot, long ToSequenceNr = long.MaxValue, long ReplayMax = long.MaxValue)
{
    /// <summary>The latest snapshot, then every event after it (the default).</summary>
    public static Recovery Default { get; } = new(SnapshotSelectionCriteria.Latest);

    /// <summary>No snapshot and no events: start empty (sequence numbers still continue after the highest).</summary>
    public static Recovery None { get; } = new(SnapshotSelectionCriteria.None, 0, 0);
}
