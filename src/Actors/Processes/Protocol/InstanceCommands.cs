namespace ProcessManager.Actors.Processes.Protocol;

/// <summary>What <see cref="ControlInstance"/> does to one instance.</summary>
public enum InstanceAction
{
    Start,
    Stop,
    Restart,
}

/// <summary>
/// Starts, stops or restarts one instance (NAME-INDEX) of an app, leaving the others and the app's desired state
/// alone. Reply: <see cref="ProcessCommandCompleted"/> with that one instance, or <see cref="ProcessNotFound"/>
/// naming NAME-INDEX when the app has no such instance.
/// </summary>
public sealed record ControlInstance(string Name, int Index, InstanceAction Action) : IProcessCommand;
