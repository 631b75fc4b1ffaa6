namespace ProcessManager.Host.Stats;

/// <summary>Live counters of the API server: start time, commands, open streams (bounded by a limit).</summary>
public sealed class ApiCounters
{
    private readonly int _maxStreams;
    private int _activeStreams;

    /// <summary>Creates the counters with the stream limit.</summary>
    public ApiCounters(int maxStreams, int latencySamples)
    {
        _maxStreams = maxStreams;
        Latency = new LatencyRecorder(latencySamples);
    }

    /// <summary>Monotonic start, for uptime.</summary>
    public long StartedTimestamp { get; } = System.Diagnostics.Stopwatch.GetTimestamp();

    /// <summary>Command latencies.</summary>
    public LatencyRecorder Latency { get; }

    /// <summary>Streams open now.</summary>
    public int ActiveStreams => Volatile.Read(ref _activeStreams);

    /// <summary>The stream limit.</summary>
    public int MaxStreams => _maxStreams;

    /// <summary>Seconds since start.</summary>
    public double UptimeSeconds => System.Diagnostics.Stopwatch.GetElapsedTime(StartedTimestamp).TotalSeconds;

    /// <summary>Takes a stream slot; false when all are in use.</summary>
    public bool TryOpenStream()
    {
        while (true)
        {
            var current = Volatile.Read(ref _activeStreams);
            if (current >= _maxStreams)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _activeStreams, current + 1, current) == current)
            {
                return true;
            }
        }
    }

    /// <summary>Returns a stream slot.</summary>
    public void CloseStream() => Interlocked.Decrement(ref _activeStreams);
}
