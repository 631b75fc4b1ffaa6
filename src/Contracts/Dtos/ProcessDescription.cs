namespace ProcessManager.Contracts.Dtos;

/// <summary>Answer of <c>GET /v1/processes/{name}</c>: status plus the declared spec.</summary>
public sealed record ProcessDescription(
    ProcessStatus Status,
    IReadOnlyList<string> Command,
    string? WorkingDirectory,
    string? RestartPolicy,
    int Instances,
    IReadOnlyDictionary<string, string> Details)
{
    /// <summary>Per instance (NAME-INDEX), how and why its last program ended: exit code or signal, stopped by pbm (stop, restart, memory limit, watch) or by itself.</summary>
    public IReadOnlyDictionary<string, string>? LastExit { get; init; }

    /// <summary>The last lines of output (every instance, oldest first; <c>?lines=N</c>, 10 by default).</summary>
    public IReadOnlyList<LogLine>? LastLines { get; init; }
}
