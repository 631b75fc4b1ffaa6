namespace ProcessManager.Contracts.Dtos;

/// <summary>
/// One sample of every instance, as <c>GET /v1/metrics/live</c> streams them (one per <c>pbm.observability.sample-interval</c>).
/// </summary>
public sealed record MetricsSnapshot(DateTimeOffset At, IReadOnlyList<ProcessStatus> Processes);
