namespace ProcessManager.Actors.Processes.Protocol;

// Commands understood by the ProcessSupervisor (/user/processes). Every command is answered with one
// reply: the success record named next to it, or a ProcessCommandError (ProcessNotFound,
// InvalidProcessSpec, CommandFailed). A command on an app name applies to all of its instances unless
// an instance index is given.

/// <summary>Marker for the commands of the process supervisor.</summary>
public interface IProcessCommand;

/// <summary>Declares (or replaces) the app and starts it. Reply: <see cref="ProcessCommandCompleted"/>.</summary>
public sealed record StartProcess(ProcessSpec Spec) : IProcessCommand;

/// <summary>Starts an already declared app that is stopped, exited, errored or in crash-loop. Reply: <see cref="ProcessCommandCompleted"/>.</summary>
public sealed record StartDeclaredProcess(string Name) : IProcessCommand;

/// <summary>Stops every instance (signal, then SIGKILL to the group after the stop timeout); desired state becomes stopped. Reply, once all stopped: <see cref="ProcessCommandCompleted"/>.</summary>
public sealed record StopProcess(string Name) : IProcessCommand;

/// <summary>Stops then starts every instance (one after the other). Reply: <see cref="ProcessCommandCompleted"/>.</summary>
public sealed record RestartProcess(string Name) : IProcessCommand;

/// <summary>Stops the app and forgets it (its history stays in the journal). Reply: <see cref="ProcessDeleted"/>.</summary>
public sealed record DeleteProcess(string Name) : IProcessCommand;

/// <summary>Changes the instance count; existing instances keep running. Reply: <see cref="ProcessCommandCompleted"/>.</summary>
public sealed record ScaleProcess(string Name, int Instances) : IProcessCommand;

/// <summary>
/// Makes the declared apps equal to <paramref name="Specs"/>: adds new apps, restarts only changed ones,
/// and (when <paramref name="RemoveMissing"/>) deletes apps not listed. All specs are validated first; on
/// any error nothing changes. Reply: <see cref="ApplyResult"/>.
/// </summary>
/// <param name="SourceFile">
/// The file the specs come from: only apps declared by this same file are removed (the others are reported as
/// kept), unless <paramref name="Prune"/>. Null: every app not listed is removed.
/// </param>
/// <param name="DryRun">Only plan: the reply says what would change, nothing changes.</param>
public sealed record ApplyConfig(
    IReadOnlyList<ProcessSpec> Specs,
    bool RemoveMissing = true,
    string? SourceFile = null,
    bool Prune = false,
    bool DryRun = false) : IProcessCommand;

/// <summary>Reply: <see cref="ProcessList"/>.</summary>
public sealed record ListProcesses : IProcessCommand
{
    public static ListProcesses Instance { get; } = new();
}

/// <summary>Reply: <see cref="ProcessDescription"/>.</summary>
public sealed record DescribeProcess(string Name) : IProcessCommand;

/// <summary>The last <paramref name="Lines"/> lines from the in-memory ring (all instances when Instance is null). Reply: <see cref="LogLines"/>.</summary>
public sealed record TailLog(string Name, int? Instance = null, int Lines = 100) : IProcessCommand;

/// <summary>
/// Subscribes to new log lines until <paramref name="Cancellation"/> fires. Reply: <see cref="LogFollowing"/>,
/// whose channel holds at most <paramref name="BufferCapacity"/> lines: a reader that falls behind loses the
/// oldest lines (counted in LogFollowing.Dropped) rather than slowing the program down.
/// </summary>
public sealed record FollowLog(string Name, int? Instance, CancellationToken Cancellation, int BufferCapacity = 1024) : IProcessCommand;

/// <summary>
/// Flushes the capture files of every instance of the app <paramref name="Name"/> to disk, or of every app when
/// Name is null. Reply: <see cref="LogsFlushed"/>, or <see cref="ProcessNotFound"/> for an unknown name.
/// </summary>
public sealed record FlushLogs(string? Name = null) : IProcessCommand
{
    /// <summary>Flushes every app.</summary>
    public static FlushLogs Instance { get; } = new();
}

/// <summary>Events of the app read back from the journal, oldest first. Reply: <see cref="ProcessHistory"/>.</summary>
public sealed record GetProcessHistory(string Name, DateTimeOffset? Since = null, int Limit = 1000) : IProcessCommand;

/// <summary>
/// Daemon shutdown: stops every instance in parallel, each with its stop signal and timeout, without
/// changing desired states (so a restarted daemon brings them back). Reply: <see cref="ProcessesShutDown"/>.
/// </summary>
public sealed record ShutdownProcesses : IProcessCommand
{
    public static ShutdownProcesses Instance { get; } = new();
}
