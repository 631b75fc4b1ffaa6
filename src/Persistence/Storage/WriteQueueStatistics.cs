namespace ProcessManager.Persistence.Storage;

/// <summary>How full the group-commit writers' queues are.</summary>
/// <param name="Queued">Write requests waiting for their transaction.</param>
/// <param name="Capacity">Requests that may wait before writers are held back.</param>
/// <param name="Failed">Requests that failed since the stores opened (their callers were told).</param>
public sealed record WriteQueueStatistics(long Queued, long Capacity, long Failed);
