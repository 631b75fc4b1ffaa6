using ProcessManager.Actors.Processes.Protocol;

namespace ProcessManager.Actors.Processes.Supervision;

/// <summary>
/// What applying a config does: declare Added, restart Changed (except ScaledOnly, whose running
/// instances are kept and only the count changes), delete Removed, leave Unchanged alone.
/// </summary>
public sealed record ApplyPlan(
    IReadOnlyList<ProcessSpec> Added,
    IReadOnlyList<ProcessSpec> Changed,
    IReadOnlyList<ProcessSpec> ScaledOnly,
    IReadOnlyList<string> Removed,
    IReadOnlyList<string> Unchanged,
    IReadOnlyList<string>? Kept = null)
{
    public ApplyResult ToResult() => new(
        [.. Added.Select(spec => spec.Name)],
        [.. Changed.Concat(ScaledOnly).Select(spec => spec.Name).Order(StringComparer.Ordinal)],
        Removed,
        Unchanged,
        Kept ?? []);
}
