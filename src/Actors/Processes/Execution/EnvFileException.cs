namespace ProcessManager.Actors.Processes.Execution;

/// <summary>An app's env-file is missing, unreadable, too large or malformed; the message names the file (and line).</summary>
public sealed class EnvFileException : Exception
{
    public EnvFileException(string message)
        : base(message)
    {
    }

    public EnvFileException()
    {
    }

    public EnvFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
