namespace ProcessManager.Persistence;

/// <summary>A journal or snapshot store operation failed.</summary>
public class PersistenceException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PersistenceException() { }

    /// <summary>Creates the exception.</summary>
    public PersistenceException(string message) : base(message) { }

    /// <summary>Creates the exception.</summary>
    public PersistenceException(string message, Exception innerException) : base(message, innerException) { }
}

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

/// <summary>A stored event or snapshot could not be turned back into an object.</summary>
public sealed class EventDeserializationException : PersistenceException
{
    /// <summary>Creates the exception.</summary>
    public EventDeserializationException() { }

    /// <summary>Creates the exception.</summary>
    public EventDeserializationException(string message) : base(message) { }

    /// <summary>Creates the exception.</summary>
    public EventDeserializationException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>The persistence id of the unreadable row.</summary>
    public string PersistenceId { get; init; } = "";

    /// <summary>The sequence number of the unreadable row.</summary>
    public long SequenceNr { get; init; }

    /// <summary>The manifest stored with the row.</summary>
    public string Manifest { get; init; } = "";
}
