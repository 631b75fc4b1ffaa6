namespace ProcessManager.Actors.Processes.Protocol;

/// <summary>The result of one run of a job.</summary>
/// <param name="Run">Run number, 1 for the first run of the job since it was declared.</param>
/// <param name="StartedAt">Wall-clock start.</param>
/// <param name="Duration">How long the run took.</param>
/// <param name="ExitCode">Exit code, if the program exited normally.</param>
/// <param name="Signal">Signal that ended it, if any (SIGKILL after a timeout).</param>
/// <param name="TimedOut">The timeout fired and the group was killed.</param>
/// <param name="Succeeded">Exit code in success-exit-codes and no timeout.</param>
/// <param name="LastLines">The last lines of output (bounded).</param>
public sealed record JobRun(
    int Run,
    DateTimeOffset StartedAt,
    TimeSpan Duration,
    int? ExitCode,
    int? Signal,
    bool TimedOut,
    bool Succeeded,
    IReadOnlyList<string> LastLines);
