namespace ProcessManager.Persistence.Journal;

/// <summary>
/// The database refused a write (disk full, I/O error, lost connection) after the writer's retries. The journal
/// reports it as a rejection of every write in the batch: nothing of them was stored, and the persistent actors go on
/// (Akka stops an actor whose write "failed", which would stop the programs it supervises).
/// </summary>
public sealed class JournalWriteFailedException : Exception
{
    public JournalWriteFailedException()
    {
    }

    public JournalWriteFailedException(string message)
        : base(message)
    {
    }

    public JournalWriteFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
