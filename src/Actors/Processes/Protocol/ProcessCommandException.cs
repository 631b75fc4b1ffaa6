namespace ProcessManager.Actors.Processes.Protocol;

/// <summary>An error reply carried through a task, so that the caller is answered with the same error.</summary>
public sealed class ProcessCommandException : Exception
{
    public ProcessCommandException()
        : this(new CommandFailed("the command failed"))
    {
    }

    public ProcessCommandException(string message)
        : this(new CommandFailed(message))
    {
    }

    public ProcessCommandException(string message, Exception innerException)
        : base(message, innerException) => Error = new CommandFailed(message);

    public ProcessCommandException(IProcessCommandError error)
        : base(error?.Message) => Error = error!;

    public IProcessCommandError Error { get; }
}
