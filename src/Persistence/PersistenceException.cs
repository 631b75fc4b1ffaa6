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
