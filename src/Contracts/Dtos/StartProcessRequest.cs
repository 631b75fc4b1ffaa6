namespace ProcessManager.Contracts.Dtos;

/// <summary>Body of <c>POST /v1/processes</c>: starts a program ad hoc (or starts a declared one when Command is empty).</summary>
public sealed record StartProcessRequest(
    string Name,
    IReadOnlyList<string>? Command = null,
    string? WorkingDirectory = null,
    IReadOnlyDictionary<string, string>? Environment = null,
    string? RestartPolicy = null,
    int? Instances = null);
