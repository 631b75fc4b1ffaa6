using ProcessManager.Actors.Processes.Protocol;

namespace ProcessManager.Actors.Processes.Instances;

// Between an app actor (web) and its instance actors (web-0). Commands are answered with the instance's
// ProcessStatus once the instance settled (no longer starting or stopping) and what it recorded is durable.

internal sealed record StartInstance(string Reason);

/// <summary>
/// After a daemon restart, for an app that should run: start the instance unless its journal says its program ended
/// for good (then it stays exited: a finished job is not run again).
/// </summary>
internal sealed record ResumeInstance
{
    public static ResumeInstance Instance { get; } = new();
}

internal sealed record StopInstance(string Reason);

internal sealed record RestartInstance(string Reason);

/// <summary>Replace the spec: stop the program if it runs, then start it with the new spec if Run.</summary>
internal sealed record UpdateInstanceSpec(ProcessSpec Spec, bool Run);

/// <summary>
/// The instance is removed (app deleted, scaled down); sent once it is stopped. It records
/// <see cref="Events.InstanceRetired"/>, answers <see cref="InstanceRetiredAck"/> and stops itself.
/// </summary>
internal sealed record RetireInstance(string Reason);

internal sealed record InstanceRetiredAck(string FullName);

/// <summary>Reply: the current ProcessStatus, at once.</summary>
internal sealed record GetInstanceStatus
{
    public static GetInstanceStatus Instance { get; } = new();
}

/// <summary>Instance → app: its status changed (state, pid, or a new resource sample).</summary>
internal sealed record InstanceStatusChanged(ProcessStatus Status);

/// <summary>Instance → app: a job run ended.</summary>
internal sealed record JobRunRecorded(string Name, JobRun Run);
