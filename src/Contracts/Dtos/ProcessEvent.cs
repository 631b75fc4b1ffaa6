namespace ProcessManager.Contracts.Dtos;

/// <summary>A state change published on <c>GET /v1/events</c>.</summary>
public sealed record ProcessEvent(DateTimeOffset Timestamp, string Process, string Status, int? Pid, string? Detail);
