namespace ProcessManager.Kernel;

/// <summary>Replies carrying the outcome of an operation; <see cref="Failure"/> fails an Ask.</summary>
public abstract record Status
{
    private Status()
    {
    }

    public sealed record Success(object? Status) : Kernel.Status;

    public sealed record Failure(Exception Cause) : Kernel.Status;
}
