namespace ProcessManager.Actors.Processes.Protocol;

/// <summary>
/// Published on the actor system's event stream whenever an instance changes state (also for
/// Running → Running when the pid changes). Subscribe for live events (`pbm process events`).
/// </summary>
public sealed record ProcessStateChanged(ProcessStatus Status, ProcessState Previous, string Reason, DateTimeOffset At)
{
    public string FullName => Status.FullName;

    public ProcessState State => Status.State;
}
