namespace ProcessManager.Actors.Processes.Supervision;

/// <summary>What the instance actor must do after a transition (the output of <see cref="InstanceLifecycle"/>).</summary>
public abstract record InstanceEffect
{
    /// <summary>Spawn the program.</summary>
    public sealed record Spawn : InstanceEffect;

    /// <summary>Send the stop signal to the group, then SIGKILL the group after the stop timeout.</summary>
    public sealed record StopProgram : InstanceEffect;

    /// <summary>SIGKILL the group now (job timeout).</summary>
    public sealed record KillProgram : InstanceEffect;

    /// <summary>Arm a timer that delivers RestartDue(Generation) after Delay.</summary>
    public sealed record ScheduleRestart(TimeSpan Delay, int Generation) : InstanceEffect;

    /// <summary>Arm a timer that delivers CoolDownOver(Generation) after Delay.</summary>
    public sealed record ScheduleCoolDown(TimeSpan Delay, int Generation) : InstanceEffect;

    /// <summary>Arm a timer that delivers JobTimedOut(Generation) after Timeout.</summary>
    public sealed record ArmJobTimeout(TimeSpan Timeout, int Generation) : InstanceEffect;

    /// <summary>Disarm every pending timer of the instance.</summary>
    public sealed record CancelTimers : InstanceEffect;

    /// <summary>A job run ended: record its result.</summary>
    public sealed record JobFinished(ExitOutcome Outcome, TimeSpan Duration, bool TimedOut, bool Succeeded) : InstanceEffect;

    public static Spawn SpawnProgram { get; } = new();

    public static StopProgram Stop { get; } = new();

    public static KillProgram Kill { get; } = new();

    public static CancelTimers Cancel { get; } = new();
}
