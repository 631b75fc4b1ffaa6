namespace ProcessManager.Contracts.Dtos;

/// <summary>One persisted state change of a process, oldest first in <c>GET /v1/processes/{name}/history</c>.</summary>
public sealed record HistoryEntry(long SequenceNr, DateTimeOffset Timestamp, string Event, string? Detail);
