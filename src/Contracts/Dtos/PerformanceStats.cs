namespace ProcessManager.Contracts.Dtos;

/// <summary>Answer of <c>GET /v1/stats/performance</c>; latencies are of API commands, in milliseconds.</summary>
public sealed record PerformanceStats(
    double UptimeSeconds,
    int ProcessCount,
    int RunningCount,
    long CommandsServed,
    double LatencyP50Ms,
    double LatencyP90Ms,
    double LatencyP99Ms,
    double LatencyMaxMs,
    int ActiveStreams);
