using ProcessManager.Actors.Processes.Protocol;

namespace ProcessManager.Actors.Processes.Events;

/// <summary>Snapshot of an app stream: the spec (null once deleted) and the desired state.</summary>
public sealed record AppSnapshot(ProcessSpec? Spec, DesiredState Desired);
