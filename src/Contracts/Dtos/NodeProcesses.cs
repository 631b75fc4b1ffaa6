namespace ProcessManager.Contracts.Dtos;

/// <summary>One node's part of <c>GET /v1/nodes/processes</c> (`pbm process list --all-nodes`).</summary>
/// <param name="Node">The node's name.</param>
/// <param name="Processes">Its processes; empty when it did not answer.</param>
/// <param name="Error">Why it did not answer, when it did not.</param>
public sealed record NodeProcesses(string Node, IReadOnlyList<ProcessStatus> Processes, string? Error = null);
