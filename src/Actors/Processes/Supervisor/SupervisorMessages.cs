using ProcessManager.Actors.Processes.Protocol;
using ProcessManager.Kernel;

namespace ProcessManager.Actors.Processes.Supervisor;

/// <summary>The supervisor's own follow-ups of asynchronous work, piped back to itself.</summary>
/// <summary>Every instance of a deleted app stopped; answer ReplyTo and/or complete Done.</summary>
internal sealed record AppStoppedForDeletion(string Name, IActorRef? ReplyTo, TaskCompletionSource? Done);

internal sealed record StopInstanceActors(IReadOnlyList<IActorRef> Actors);

internal sealed record RecoveryFinished(IReadOnlyList<RecoveredApp> Apps, Exception? Error);

internal sealed record RecoveredApp(ProcessSpec Spec, DesiredState Desired, IReadOnlyList<Instances.InstanceRecovery> Instances);
