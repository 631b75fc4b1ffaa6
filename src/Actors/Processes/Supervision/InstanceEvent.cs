namespace ProcessManager.Actors.Processes.Supervision;

/// <summary>What can happen to an instance; the input of <see cref="InstanceLifecycle"/>.</summary>
public abstract record InstanceEvent
{
    /// <summary>The operator (or autostart, or recovery) wants it running.</summary>
    public sealed record StartRequested(string Reason) : InstanceEvent;

    /// <summary>The operator wants it stopped; it stays stopped.</summary>
    public sealed record StopRequested(string Reason) : InstanceEvent;

    /// <summary>Stop gracefully, then start again. Counted as a restart when <paramref name="Counted"/> (memory limit).</summary>
    public sealed record RestartRequested(string Reason, bool Counted) : InstanceEvent;

    public sealed record Spawned(int Pid) : InstanceEvent;

    public sealed record SpawnFailed(string Error) : InstanceEvent;

    /// <summary>
    /// The journal could not record the running program (its pid): it is killed and the instance stays errored, so
    /// that no program runs that a restarted daemon would not know of.
    /// </summary>
    public sealed record StartUnrecorded(string Error) : InstanceEvent;

    public sealed record Exited(ExitOutcome Outcome, TimeSpan Uptime) : InstanceEvent;

    /// <summary>
    /// After a daemon restart: the program had ended for good before (a finished job, a program its restart policy
    /// let go, or one that ended while no daemon ran); the instance shows it as exited instead of running it again.
    /// </summary>
    public sealed record EndedBefore(ExitOutcome Outcome, string Reason) : InstanceEvent;

    /// <summary>The backoff delay armed at <paramref name="Generation"/> elapsed.</summary>
    public sealed record RestartDue(int Generation) : InstanceEvent;

    /// <summary>The crash-loop cool-down armed at <paramref name="Generation"/> elapsed.</summary>
    public sealed record CoolDownOver(int Generation) : InstanceEvent;

    /// <summary>The job timeout armed at <paramref name="Generation"/> elapsed.</summary>
    public sealed record JobTimedOut(int Generation) : InstanceEvent;
}
