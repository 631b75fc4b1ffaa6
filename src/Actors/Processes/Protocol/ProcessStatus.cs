namespace ProcessManager.Actors.Processes.Protocol;

/// <summary>A snapshot of one instance, as shown by `pbm process list`.</summary>
/// <param name="Name">The app name.</param>
/// <param name="Instance">The instance index (0-based).</param>
/// <param name="FullName">NAME-INDEX, e.g. web-0.</param>
/// <param name="State">What the instance is doing now.</param>
/// <param name="Pid">The running program's pid, when there is one.</param>
/// <param name="Restarts">Restarts since the app was declared (kept across daemon restarts).</param>
/// <param name="Uptime">How long the current program has been running.</param>
/// <param name="CpuPercent">CPU use of the process tree over the last sample interval (100 = one core).</param>
/// <param name="RssBytes">Resident memory of the process tree at the last sample.</param>
/// <param name="LastExitCode">Exit code of the previous run, if it exited normally.</param>
/// <param name="LastSignal">Signal that ended the previous run, if any.</param>
/// <param name="NextAttemptAt">When the next start is due (backing-off, crash-loop).</param>
/// <param name="Error">Why the instance is errored, or the last restart reason.</param>
/// <param name="DroppedLogLines">Log lines lost because capture could not keep up.</param>
/// <param name="Kind">Service or job.</param>
public sealed record ProcessStatus(
    string Name,
    int Instance,
    string FullName,
    ProcessState State,
    int? Pid,
    int Restarts,
    TimeSpan? Uptime,
    double? CpuPercent,
    long? RssBytes,
    int? LastExitCode,
    int? LastSignal,
    DateTimeOffset? NextAttemptAt,
    string? Error,
    long DroppedLogLines,
    ProcessKind Kind)
{
    /// <summary>Log lines read from the program since its instance's process actor started.</summary>
    public long CapturedLogLines { get; init; }

    /// <summary>How and why the last program ended (exit code or signal; stopped by pbm and why, or by itself); null when unknown.</summary>
    public string? LastExitReason { get; init; }
}
