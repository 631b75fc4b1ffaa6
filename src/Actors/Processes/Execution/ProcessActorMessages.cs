using ProcessManager.Actors.Os.Logs;
using ProcessManager.Actors.Processes.Protocol;
using ProcessManager.Actors.Processes.Supervision;

namespace ProcessManager.Actors.Processes.Execution;

// Between an instance actor (web-0) and its ProcessActor (web-0/process).

/// <summary>Spawn the program; answered to the parent with ProgramSpawned or ProgramSpawnFailed.</summary>
internal sealed record SpawnProgram(ProcessSpec Spec);

/// <summary>
/// After a daemon restart: adopt the program recorded as running if it is still alive (same pid and
/// /proc start time). Answered with ProgramSpawned(Adopted: true), or AdoptionFailed when it is gone.
/// </summary>
internal sealed record AdoptProgram(int Pid, ulong StartTimeTicks);

/// <summary>Signal the group, then SIGKILL it after the timeout.</summary>
internal sealed record StopProgram(int Signal, TimeSpan Timeout);

/// <summary>SIGKILL the group now.</summary>
internal sealed record KillProgram
{
    public static KillProgram Instance { get; } = new();
}

internal sealed record ProgramSpawned(int Pid, ulong StartTimeTicks, DateTimeOffset StartedAt, bool Adopted);

internal sealed record ProgramSpawnFailed(string Error);

internal sealed record AdoptionFailed
{
    public static AdoptionFailed Instance { get; } = new();
}

/// <summary>The program exited; LastLines are the last lines of its output (for job results).</summary>
internal sealed record ProgramExited(ExitOutcome Outcome, TimeSpan Uptime, IReadOnlyList<string> LastLines);

/// <summary>CPU and memory of the program's process tree.</summary>
internal sealed record ResourcesSampled(double CpuPercent, long RssBytes, int Processes, long DroppedLogLines, long CapturedLogLines);

/// <summary>Reply: IReadOnlyList&lt;LogLine&gt; (protocol lines).</summary>
internal sealed record GetLogTail(int Lines);

/// <summary>Reply: a LogFollower of the os layer (the caller disposes it).</summary>
internal sealed record SubscribeLog(int Capacity);

/// <summary>Reply: LogsFlushed(1).</summary>
internal sealed record FlushProgramLog
{
    public static FlushProgramLog Instance { get; } = new();
}

/// <summary>A log subscription handed to the supervisor, for merging into a FollowLog channel.</summary>
internal sealed record LogSubscription(string Instance, LogFollower Follower);
