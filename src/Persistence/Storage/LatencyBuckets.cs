namespace ProcessManager.Persistence.Storage;

/// <summary>The bucket boundaries of every latency histogram the daemon exports (API requests, journal commits).</summary>
public static class LatencyBuckets
{
    /// <summary>In seconds: API calls and commits take microseconds to seconds.</summary>
    public static IReadOnlyList<double> Seconds { get; } = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
}
