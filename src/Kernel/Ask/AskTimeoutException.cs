namespace ProcessManager.Kernel;

/// <summary>No reply arrived within the ask timeout.</summary>
public sealed class AskTimeoutException : TimeoutException
{
    public AskTimeoutException()
    {
    }

    public AskTimeoutException(string message)
        : base(message)
    {
    }

    public AskTimeoutException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
