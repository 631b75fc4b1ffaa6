namespace ProcessManager.Contracts.Dtos;

/// <summary>The diff an apply produced: only <see cref="Added"/> and <see cref="Changed"/> programs were (re)started.</summary>
public sealed record ApplyConfigResult(
    IReadOnlyList<string> Added,
    IReadOnlyList<string> Changed,
    IReadOnlyList<string> Removed,
    IReadOnlyList<string> Unchanged);
