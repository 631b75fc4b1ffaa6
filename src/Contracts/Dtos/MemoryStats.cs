namespace ProcessManager.Contracts.Dtos;

/// <summary>Answer of <c>GET /v1/stats/memory</c>.</summary>
public sealed record MemoryStats(
    long ResidentBytes,
    long ManagedHeapBytes,
    long GcCommittedBytes,
    int Gen0Collections,
    int Gen1Collections,
    int Gen2Collections,
    IReadOnlyList<BufferUsage> Buffers);

/// <summary>
/// Use of one bounded buffer of a subsystem (log rings, histories, stream queues); Capacity 0 = not a bounded
/// buffer but a count. Dropped: entries lost because the buffer was full, since the daemon started (null when the
/// buffer never drops).
/// </summary>
public sealed record BufferUsage(string Subsystem, string Name, long Used, long Capacity, long? Dropped = null);
