namespace ProcessManager.Persistence.Storage;

/// <summary>An event serialized for the journal table; <see cref="Tags"/> is ';'-joined or null.</summary>
internal readonly record struct JournalRow(
    string PersistenceId, long SequenceNr, long CreatedMs, string? Tags, string Manifest, byte[] Payload, string WriterUuid);
