namespace ProcessManager.Actors.Plugins.Pool;

/// <summary>What the pool knows of one worker actor.</summary>
internal sealed class WorkerSlot(int generation)
{
    /// <summary>The manifest generation the worker was started for; older ones are drained.</summary>
    public int Generation { get; } = generation;

    public WorkerState State { get; set; } = WorkerState.Starting;

    public int Pid { get; set; }

    public int Jobs { get; set; }

    /// <summary>The request the worker has (Busy only).</summary>
    public long? JobId { get; set; }
}

internal enum WorkerState
{
    Starting,
    Idle,
    Busy,

    /// <summary>Asked to finish or already failing: no more requests; its Terminated follows.</summary>
    Leaving,
}
