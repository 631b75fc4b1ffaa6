using Akka.Actor;
using ProcessManager.Actors.Processes.Protocol;

namespace ProcessManager.Actors.Processes.Apps;

/// <summary>
/// The supervisor's view of one app (owned by the supervisor actor only): its actor, and what the app last reported
/// of its spec, desired state and instances, so that lists and config diffs are answered without asking every app.
/// </summary>
internal sealed class AppEntry(IActorRef actor, ProcessSpec? spec, DesiredState desired)
{
    public IActorRef Actor { get; set; } = actor;

    /// <summary>Null until the app reported its recovery when it has none (then it is unregistered).</summary>
    public ProcessSpec? Spec { get; set; } = spec;

    public DesiredState Desired { get; set; } = desired;

    /// <summary>Last reported status per instance index.</summary>
    public Dictionary<int, ProcessStatus> Statuses { get; } = [];

    /// <summary>Being deleted: further commands are refused.</summary>
    public bool Deleting { get; set; }

    public void Changed(ProcessSpec spec, DesiredState desired)
    {
        Spec = spec;
        Desired = desired;
        foreach (var index in Statuses.Keys.Where(index => index >= spec.Instances).ToList())
        {
            Statuses.Remove(index);
        }
    }

    public IEnumerable<ProcessStatus> OrderedStatuses() => Spec is not { } spec
        ? []
        : Enumerable.Range(0, spec.Instances).Select(index => Statuses.TryGetValue(index, out var status) ? status : AppActor.Placeholder(spec, index));
}
