namespace ProcessManager.Actors.Processes.Events;

/// <summary>
/// What an instance's journal says, folded event by event: the restart counter to continue from, the program
/// recorded as running (to adopt it instead of starting a second one) and the number of job runs.
/// </summary>
/// <param name="Restarts">Restart counter to continue from.</param>
/// <param name="Pid">The program recorded as running, if any.</param>
/// <param name="StartTimeTicks">Its /proc start time, to tell it from a recycled pid.</param>
/// <param name="JobRuns">Number of job runs so far.</param>
public sealed record InstanceJournalState(int Restarts, int? Pid, ulong? StartTimeTicks, int JobRuns)
{
    public static InstanceJournalState None { get; } = new(0, null, null, 0);

    public static InstanceJournalState From(InstanceSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return new(snapshot.Restarts, snapshot.Pid, snapshot.StartTimeTicks, snapshot.JobRuns);
    }

    public InstanceSnapshot ToSnapshot() => new(Restarts, Pid, StartTimeTicks, JobRuns);

    public InstanceJournalState Apply(ProcessEvent recorded) => recorded switch
    {
        ProgramStarted started => this with { Pid = started.Pid, StartTimeTicks = started.StartTimeTicks, Restarts = started.Restarts },
        ProgramExitedEvent => this with { Pid = null, StartTimeTicks = null },
        RestartScheduled scheduled => this with { Restarts = scheduled.Restarts },
        CrashLoopEntered entered => this with { Restarts = entered.Restarts },
        JobFinishedEvent job => this with { JobRuns = job.Run.Run },
        InstanceRetired => None,
        _ => this,
    };
}
