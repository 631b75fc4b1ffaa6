using ProcessManager.Actors.Processes.Supervision;

namespace ProcessManager.Actors.Processes.Events;

/// <summary>
/// What an instance's journal says, folded event by event: the restart counter to continue from, the program
/// recorded as running (to adopt it instead of starting a second one) and the number of job runs.
/// </summary>
/// <param name="Restarts">Restart counter to continue from.</param>
/// <param name="Pid">The program recorded as running, if any.</param>
/// <param name="StartTimeTicks">Its /proc start time, to tell it from a recycled pid.</param>
/// <param name="JobRuns">Number of job runs so far.</param>
/// <param name="LastExit">
/// The last program's exit when nothing was scheduled after it (no restart, no crash-loop, no stop): a restarted
/// daemon leaves a finished job or a program its restart policy let go as it was, instead of running it again.
/// </param>
public sealed record InstanceJournalState(int Restarts, int? Pid, ulong? StartTimeTicks, int JobRuns, ExitOutcome? LastExit = null)
{
    public static InstanceJournalState None { get; } = new(0, null, null, 0);

    public static InstanceJournalState From(InstanceSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return new(snapshot.Restarts, snapshot.Pid, snapshot.StartTimeTicks, snapshot.JobRuns, snapshot.Ended ? new ExitOutcome(snapshot.EndedCode, snapshot.EndedSignal) : null);
    }

    public InstanceSnapshot ToSnapshot() => new(Restarts, Pid, StartTimeTicks, JobRuns, LastExit is not null, LastExit?.Code, LastExit?.Signal);

    public InstanceJournalState Apply(ProcessEvent recorded) => recorded switch
    {
        ProgramStarted started => this with { Pid = started.Pid, StartTimeTicks = started.StartTimeTicks, Restarts = started.Restarts, LastExit = null },
        ProgramExitedEvent exited => this with { Pid = null, StartTimeTicks = null, LastExit = new ExitOutcome(exited.Code, exited.Signal) },
        RestartScheduled scheduled => this with { Restarts = scheduled.Restarts, LastExit = null },
        CrashLoopEntered entered => this with { Restarts = entered.Restarts, LastExit = null },
        StoppedByRequest or SpawnErrored => this with { LastExit = null },
        JobFinishedEvent job => this with { JobRuns = job.Run.Run, LastExit = new ExitOutcome(job.Run.ExitCode, job.Run.Signal) },
        InstanceRetired => None,
        _ => this,
    };
}
