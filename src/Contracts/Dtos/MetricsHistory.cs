namespace ProcessManager.Contracts.Dtos;

/// <summary>Answer of <c>GET /v1/metrics/history/{name}</c>: the bounded CPU/memory history of one program, oldest first.</summary>
public sealed record MetricsHistory(string Program, IReadOnlyList<MetricsPoint> Points);

/// <summary>One sample of a program, summed over its instances.</summary>
/// <param name="CpuPercent">CPU use, percent of one core.</param>
/// <param name="MemoryBytes">Resident memory.</param>
public sealed record MetricsPoint(DateTimeOffset At, double CpuPercent, long MemoryBytes);
