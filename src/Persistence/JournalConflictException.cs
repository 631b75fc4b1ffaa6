namespace ProcessManager.Persistence;

/// <summary>A write used a sequence number that is already stored: two writers for one persistence id.</summary>
public sealed class JournalConflictException : PersistenceException
{
    /// <summary>Creates the exception.</summary>
    public JournalConflictException() { }

    /// <summary>Creates the exception.</summary>
    public JournalConflictException(string message) : base(message) { }

    /// <summary>Creates the exception.</summary>
    public JournalConflictException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>The persistence id written to.</summary>
    public string PersistenceId { get; init; } = "";

    /// <summary>Lowest sequence number of the rejected write.</summary>
    public long FromSequenceNr { get; init; }

    /// <summary>Highest sequence number of the rejected write.</summary>
    public long ToSequenceNr { get; init; }
}
