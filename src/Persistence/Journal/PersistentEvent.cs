namespace ProcessManager.Persistence.Journal;

/// <summary>One event of one persistence id, as written to and read from the journal.</summary>
/// <param name="PersistenceId">Whose event this is (e.g. <c>process/web-0</c>).</param>
/// <param name="SequenceNr">1-based position within the persistence id; unique per id.</param>
/// <param name="Payload">The domain event; its type must be registered with the <see cref="Serialization.EventSerializer"/>.</param>
public sealed record PersistentEvent(string PersistenceId, long SequenceNr, object Payload)
{
    /// <summary>Tags for <see cref="IEventQueries.EventsByTagAsync"/>; must not contain ';'.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Identifies the writing incarnation (diagnostics only).</summary>
    public string WriterUuid { get; init; } = "";

    /// <summary>When the event was written; set by the journal.</summary>
    public DateTimeOffset Timestamp { get; init; }

    /// <summary>Global order over all persistence ids, assigned by the journal; the offset for tag queries.</summary>
    public long Ordering { get; init; }

    /// <summary>The manifest the payload was stored under; set by the journal on read.</summary>
    public string Manifest { get; init; } = "";
}
