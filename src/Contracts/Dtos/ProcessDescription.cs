namespace ProcessManager.Contracts.Dtos;

/// <summary>Answer of <c>GET /v1/processes/{name}</c>: status plus the declared spec.</summary>
public sealed record ProcessDescription(
    ProcessStatus Status,
    IReadOnlyList<string> Command,
    string? WorkingDirectory,
    string? RestartPolicy,
    int Instances,
    IReadOnlyDictionary<string, string> Details);
