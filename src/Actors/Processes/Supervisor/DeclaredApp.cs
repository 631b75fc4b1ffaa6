using ProcessManager.Actors.Processes.Protocol;
using ProcessManager.Kernel;

namespace ProcessManager.Actors.Processes.Supervisor;

/// <summary>The supervisor's record of one declared app (state owned by the supervisor actor only).</summary>
internal sealed class DeclaredApp(ProcessSpec spec, DesiredState desired)
{
    public ProcessSpec Spec { get; set; } = spec;

    public DesiredState Desired { get; set; } = desired;

    /// <summary>Instance actors by index.</summary>
    public List<IActorRef> Instances { get; } = [];

    /// <summary>Last reported status per index.</summary>
    public Dictionary<int, ProcessStatus> Statuses { get; } = [];

    /// <summary>Recent job runs, oldest first, at most Spec.JobHistoryLimit.</summary>
    public Queue<JobRun> JobRuns { get; } = new();

    /// <summary>Being deleted: further commands are refused.</summary>
    public bool Deleting { get; set; }

    public void AddJobRun(JobRun run)
    {
        JobRuns.Enqueue(run);
        while (JobRuns.Count > Spec.JobHistoryLimit)
        {
            JobRuns.Dequeue();
        }
    }

    public IReadOnlyList<ProcessStatus> OrderedStatuses() =>
        [.. Enumerable.Range(0, Instances.Count).Select(index => Statuses.TryGetValue(index, out var status) ? status : Placeholder(index))];

    private ProcessStatus Placeholder(int index) => new(
        Spec.Name, index, Spec.InstanceName(index), ProcessState.Stopped, null, 0, null, null, null, null, null, null, null, 0, Spec.Kind);
}
