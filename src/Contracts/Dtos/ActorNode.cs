namespace ProcessManager.Contracts.Dtos;

/// <summary>One actor of the hierarchy snapshot; <see cref="Children"/> is empty below the requested depth.</summary>
public sealed record ActorNode(string Name, string Path, string? Type, IReadOnlyList<ActorNode> Children);
