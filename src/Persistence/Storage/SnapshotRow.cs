namespace ProcessManager.Persistence.Storage;

/// <summary>One snapshot row; <see cref="SerializerId"/> is null for rows written before schema version 3.</summary>
internal sealed record SnapshotRow(
    string PersistenceId, long SequenceNr, long CreatedMs, int? SerializerId, string Manifest, byte[] Payload);
