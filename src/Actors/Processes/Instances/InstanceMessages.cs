using ProcessManager.Actors.Processes.Protocol;

namespace ProcessManager.Actors.Processes.Instances;

// Between the ProcessSupervisor and an instance actor (web-0). Commands are answered with the
// instance's ProcessStatus once the instance settled (no longer starting or stopping).

internal sealed record StartInstance(string Reason);

internal sealed record StopInstance(string Reason);

internal sealed record RestartInstance(string Reason);

/// <summary>Replace the spec: stop the program if it runs, then start it with the new spec if Run.</summary>
internal sealed record UpdateInstanceSpec(ProcessSpec Spec, bool Run);

/// <summary>Reply: the current ProcessStatus, at once.</summary>
internal sealed record GetInstanceStatus
{
    public static GetInstanceStatus Instance { get; } = new();
}

/// <summary>Instance → supervisor: its status changed (state, pid, or a new resource sample).</summary>
internal sealed record InstanceStatusChanged(ProcessStatus Status);

/// <summary>Instance → supervisor: a job run ended.</summary>
internal sealed record JobRunRecorded(string Name, JobRun Run);

/// <summary>What the instance knows from before a daemon restart.</summary>
/// <param name="Restarts">Restart counter to continue from.</param>
/// <param name="Pid">The program recorded as running when the daemon went away, if any.</param>
/// <param name="StartTimeTicks">Its /proc start time, to tell it from a recycled pid.</param>
/// <param name="JobRuns">Number of job runs so far.</param>
internal sealed record InstanceRecovery(int Restarts, int? Pid, ulong? StartTimeTicks, int JobRuns)
{
    public static InstanceRecovery None { get; } = new(0, null, null, 0);
}
