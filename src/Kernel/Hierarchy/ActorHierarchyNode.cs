namespace ProcessManager.Kernel;

/// <summary>One actor in a hierarchy snapshot; immutable, children sorted by name.</summary>
/// <param name="Path">Full path, e.g. <c>/user/processes</c> ("/" for the root).</param>
/// <param name="Name">Last path element.</param>
/// <param name="ActorType">Full name of the actor class.</param>
/// <param name="State">Lifecycle state when observed.</param>
/// <param name="MailboxDepth">User messages waiting (approximate).</param>
/// <param name="RestartCount">Restarts since the actor was created.</param>
/// <param name="ChildCount">Number of children, also when <paramref name="Children"/> is cut by the depth limit.</param>
/// <param name="Children">Child nodes; empty beyond the depth limit.</param>
public sealed record ActorHierarchyNode(
    string Path,
    string Name,
    string ActorType,
    LifecycleState State,
    int MailboxDepth,
    int RestartCount,
    int ChildCount,
    IReadOnlyList<ActorHierarchyNode> Children)
{
    /// <summary>All nodes, depth first, parents before children.</summary>
    public IEnumerable<ActorHierarchyNode> DescendantsAndSelf()
    {
        yield return this;
        foreach (var child in Children)
        {
            foreach (var node in child.DescendantsAndSelf())
            {
                yield return node;
            }
        }
    }
}
