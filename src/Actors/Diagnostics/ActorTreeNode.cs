namespace ProcessManager.Actors.Diagnostics;

/// <summary>One actor found by <see cref="ActorHierarchy"/>; children sorted by name.</summary>
/// <param name="Path">Path without the address, e.g. <c>/user/processes</c> ("/" for the root).</param>
/// <param name="Name">Last path element.</param>
/// <param name="ActorType">The actor's class when it lives in this process, else null.</param>
/// <param name="Children">Child nodes; empty beyond the depth asked for.</param>
public sealed record ActorTreeNode(string Path, string Name, string? ActorType, IReadOnlyList<ActorTreeNode> Children);
