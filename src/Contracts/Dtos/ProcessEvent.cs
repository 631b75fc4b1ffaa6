using System.Text.Json.Serialization;

namespace ProcessManager.Contracts.Dtos;

/// <summary>A state change published on <c>GET /v1/events</c>: <paramref name="Previous"/> → <paramref name="Status"/>.</summary>
/// <param name="Previous">The state before the change; null from a daemon that does not send it.</param>
/// <param name="Node">The cluster node it happened on, in <c>GET /v1/nodes/events</c> (`--all-nodes`); left out otherwise, so a
/// lone daemon's events keep their shape.</param>
public sealed record ProcessEvent(DateTimeOffset Timestamp, string Process, string Status, int? Pid, string? Detail, string? Previous = null, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Node = null);
