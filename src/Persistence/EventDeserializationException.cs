namespace ProcessManager.Persistence;

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
