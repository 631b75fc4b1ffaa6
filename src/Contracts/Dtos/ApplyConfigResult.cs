namespace ProcessManager.Contracts.Dtos;

/// <summary>
/// The diff an apply produced (or, for a dry run, would produce): only <see cref="Added"/> and <see cref="Changed"/>
/// programs were (re)started. <see cref="Kept"/>: apps missing from the file that were left alone because another
/// file or a person declared them (<c>--prune</c> removes them too).
/// </summary>
public sealed record ApplyConfigResult(
    IReadOnlyList<string> Added,
    IReadOnlyList<string> Changed,
    IReadOnlyList<string> Removed,
    IReadOnlyList<string> Unchanged,
    IReadOnlyList<string>? Kept = null);
