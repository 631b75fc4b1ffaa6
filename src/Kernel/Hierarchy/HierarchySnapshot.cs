namespace ProcessManager.Kernel;

/// <summary>Walks the live tree from any thread: children come from each cell's locked container,
/// the other fields are single reads, so the result is a consistent-enough, immutable picture.</summary>
internal static class HierarchySnapshot
{
    public static ActorHierarchyNode Take(ActorSystem system, int? maxDepth)
    {
        if (maxDepth is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxDepth), maxDepth, "Depth limit must be >= 0 (0 = the root only).");
        }

        var limit = maxDepth ?? int.MaxValue;
        var guardians = limit >= 1
            ? new[] { Node(system.SystemGuardianCell, 1, limit), Node(system.UserGuardianCell, 1, limit) }.OrderBy(n => n.Name, StringComparer.Ordinal).ToArray()
            : [];
        return new ActorHierarchyNode("/", "", "root", system.WhenTerminated.IsCompleted ? LifecycleState.Terminated : LifecycleState.Running, 0, 0, 2, guardians);
    }

    private static ActorHierarchyNode Node(ActorCell cell, int depth, int limit)
    {
        var children = cell.ChildCellsSorted();
        var childNodes = depth < limit ? children.Select(c => Node(c, depth + 1, limit)).ToArray() : [];
        return new ActorHierarchyNode(
            cell.SelfRef.Path.ToString(),
            cell.SelfRef.Path.Name,
            cell.Props.ActorType.FullName ?? cell.Props.ActorType.Name,
            cell.State,
            cell.Mailbox.UserDepth,
            cell.RestartCount,
            children.Count,
            childNodes);
    }
}
