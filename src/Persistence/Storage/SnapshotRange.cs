namespace ProcessManager.Persistence.Storage;

/// <summary>Selects snapshots of one id by sequence number and creation time (Unix ms), all bounds inclusive.</summary>
internal readonly record struct SnapshotRange(long MinSequenceNr, long MaxSequenceNr, long MinCreatedMs, long MaxCreatedMs);
