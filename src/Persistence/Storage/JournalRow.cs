namespace ProcessManager.Persistence.Storage;

/// <summary>
/// One journal row. <see cref="Tags"/> is ';'-joined or null; <see cref="SerializerId"/> is null for rows
/// written before schema version 3; <see cref="Ordering"/> is 0 until the database assigned it.
/// </summary>
internal sealed record JournalRow(
    string PersistenceId,
    long SequenceNr,
    long CreatedMs,
    string? Tags,
    int? SerializerId,
    string Manifest,
    byte[] Payload,
    string WriterUuid)
{
    /// <summary>Global order over all persistence ids, assigned by the database on insert.</summary>
    public long Ordering { get; init; }
}
