using ProcessManager.Actors.Processes.Protocol;

namespace ProcessManager.Actors.Processes.Configuration;

/// <summary>One or more app declarations are wrong; every error names its field and file:line.</summary>
public sealed class ProcessSpecException : Exception
{
    public ProcessSpecException()
        : this([])
    {
    }

    public ProcessSpecException(string message)
        : base(message)
    {
        Errors = [new InvalidProcessSpec("", message)];
    }

    public ProcessSpecException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [new InvalidProcessSpec("", message)];
    }

    public ProcessSpecException(IReadOnlyList<InvalidProcessSpec> errors)
        : base(errors.Count == 0 ? "invalid process spec" : string.Join(Environment.NewLine, errors))
    {
        Errors = errors;
    }

    public IReadOnlyList<InvalidProcessSpec> Errors { get; }
}
