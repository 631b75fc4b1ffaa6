using ProcessManager.Actors.Processes.Protocol;

namespace ProcessManager.Actors.Processes.Apps;

// Between the process supervisor (/user/processes) and an app actor (/user/processes/web). The supervisor forwards
// the public commands that name one app (StartDeclaredProcess, StopProcess, RestartProcess, ScaleProcess,
// DescribeProcess, TailLog, FollowLog, FlushLogs, ShutdownProcesses) unchanged: the app answers the caller.

/// <summary>Declares the app (first event of a new app actor); starts it when Start. Reply: ProcessCommandCompleted.</summary>
internal sealed record DeclareApp(ProcessSpec Spec, DesiredState Desired, bool Start);

/// <summary>
/// Replaces the spec; instances restart with it (scaled first if the count changed). Desired overrides the desired
/// state when given. Reply: ProcessCommandCompleted.
/// </summary>
internal sealed record ReplaceSpec(ProcessSpec Spec, DesiredState? Desired);

/// <summary>Stops every instance, retires them and records the app deleted. Reply: <see cref="AppRemoved"/>.</summary>
internal sealed record RemoveApp(string Reason);

internal sealed record AppRemoved(string Name);

/// <summary>Reply: <see cref="AppBuffers"/>, the buffers of the instances that answered in time.</summary>
internal sealed record GetAppBuffers
{
    public static GetAppBuffers Instance { get; } = new();
}

internal sealed record AppBuffers(IReadOnlyList<InstanceBuffers> Instances);

/// <summary>
/// App → supervisor: recovery done, and every instance reported where it stands (Statuses). Spec is null when the
/// app's stream says it was deleted (or holds nothing).
/// </summary>
internal sealed record AppRecovered(string Name, ProcessSpec? Spec, DesiredState Desired, IReadOnlyList<ProcessStatus> Statuses);

/// <summary>App → supervisor: its spec or desired state changed and is durable.</summary>
internal sealed record AppChanged(string Name, ProcessSpec Spec, DesiredState Desired);

/// <summary>
/// App → supervisor: the journal refused the app's declaration, so the app does not exist; its registration is
/// forgotten (a restarted daemon drops registrations without a declaration).
/// </summary>
internal sealed record AppDeclarationRefused(string Name);
