namespace ProcessManager.Actors.Os;

/// <summary>A program could not be started; the message names what was attempted and the OS error.</summary>
public sealed class SpawnException : Exception
{
    public SpawnException()
        : this(0, "unknown error", "spawn failed")
    {
    }

    public SpawnException(string message)
        : this(0, message, "spawn failed")
    {
    }

    public SpawnException(string message, Exception innerException)
        : base(message, innerException)
    {
        OsMessage = message;
        What = "spawn failed";
    }

    public SpawnException(int errno, string osMessage, string what)
        : base($"{what}: {osMessage}")
    {
        Errno = errno;
        OsMessage = osMessage;
        What = what;
    }

    /// <summary>The errno value (0 when the failure was not an OS error).</summary>
    public int Errno { get; }

    /// <summary>strerror text, e.g. "No such file or directory".</summary>
    public string OsMessage { get; }

    /// <summary>What was attempted, e.g. "binary not found: node".</summary>
    public string What { get; }
}
