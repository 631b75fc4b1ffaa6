namespace ProcessManager.Actors.Processes.Protocol;

/// <summary>How full the bounded buffers of process supervision are now. Reply: <see cref="BufferStats"/>.</summary>
public sealed record GetBufferStats : IProcessCommand
{
    public static GetBufferStats Instance { get; } = new();
}

/// <summary>
/// Use of the bounded buffers of every instance, summed. Log write queues are in bytes (lines waiting for the disk),
/// rings and histories in entries; dropped counts are totals since start.
/// </summary>
/// <param name="Instances">Instances counted.</param>
/// <param name="LogQueuedBytes">Output waiting for the disk, all instances.</param>
/// <param name="LogQueueCapacityBytes">Sum of the write queue bounds (logs.queue-capacity, per file).</param>
/// <param name="LogCapturedLines">Lines read from the programs since their instance started.</param>
/// <param name="LogDroppedLines">Lines that did not reach the files (the disk fell behind, or a write failed).</param>
/// <param name="RingLines">Lines held in memory for tail.</param>
/// <param name="RingCapacity">Sum of logs.ring-buffer-lines.</param>
/// <param name="MetricsSamples">CPU/RSS samples held.</param>
/// <param name="MetricsCapacity">Sum of metrics.history.</param>
public sealed record BufferStats(
    int Instances,
    long LogQueuedBytes,
    long LogQueueCapacityBytes,
    long LogCapturedLines,
    long LogDroppedLines,
    long RingLines,
    long RingCapacity,
    long MetricsSamples,
    long MetricsCapacity)
{
    internal static BufferStats Sum(IReadOnlyList<InstanceBuffers> parts) => new(
        parts.Count,
        parts.Sum(p => p.LogQueuedBytes),
        parts.Sum(p => p.LogQueueCapacityBytes),
        parts.Sum(p => p.LogCapturedLines),
        parts.Sum(p => p.LogDroppedLines),
        parts.Sum(p => p.RingLines),
        parts.Sum(p => p.RingCapacity),
        parts.Sum(p => p.MetricsSamples),
        parts.Sum(p => p.MetricsCapacity));
}

/// <summary>Between an app and an instance's process actor (forwarded by the instance). Reply: <see cref="InstanceBuffers"/>.</summary>
internal sealed record GetInstanceBuffers
{
    public static GetInstanceBuffers Instance { get; } = new();
}

/// <summary>One instance's buffers, read from the log's thread-safe counters and the sampler's history.</summary>
internal sealed record InstanceBuffers(
    long LogQueuedBytes,
    long LogQueueCapacityBytes,
    long LogCapturedLines,
    long LogDroppedLines,
    long RingLines,
    long RingCapacity,
    long MetricsSamples,
    long MetricsCapacity);
