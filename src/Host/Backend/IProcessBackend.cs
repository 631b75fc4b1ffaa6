using ProcessManager.Contracts.Dtos;

namespace ProcessManager.Host.Backend;

/// <summary>
/// Everything the API needs from the actor system, in API terms. The one class that talks to actors implements it;
/// the API layer never sees an actor.
/// </summary>
/// <remarks>Errors a caller can fix are thrown as <see cref="Api.ApiException"/> with a 4xx status.</remarks>
public interface IProcessBackend
{
    /// <summary>All processes.</summary>
    Task<IReadOnlyList<ProcessStatus>> ListAsync(CancellationToken cancellationToken);

    /// <summary>One process with its spec.</summary>
    Task<ProcessDescription> DescribeAsync(string name, CancellationToken cancellationToken);

    /// <summary>Starts a declared process, or declares and starts an ad hoc one when a command is given.</summary>
    Task<ProcessStatus> StartAsync(StartProcessRequest request, CancellationToken cancellationToken);

    /// <summary>Stops a process (it stays declared).</summary>
    Task<ProcessStatus> StopAsync(string name, CancellationToken cancellationToken);

    /// <summary>Restarts a process.</summary>
    Task<ProcessStatus> RestartAsync(string name, CancellationToken cancellationToken);

    /// <summary>Stops and forgets a process.</summary>
    Task DeleteAsync(string name, CancellationToken cancellationToken);

    /// <summary>Changes the number of instances.</summary>
    Task<ProcessStatus> ScaleAsync(string name, int instances, CancellationToken cancellationToken);

    /// <summary>Applies a configuration file as a diff.</summary>
    Task<ApplyConfigResult> ApplyAsync(ApplyConfigRequest request, CancellationToken cancellationToken);

    /// <summary>Declares and starts one app of a configuration file; the other apps stay as they are.</summary>
    Task<ProcessStatus> StartFileAsync(StartFileRequest request, CancellationToken cancellationToken) =>
        throw new Api.ApiException(501, "this daemon cannot start a file's app", null);

    /// <summary>Sends a signal (name or number) to the running programs of an app, or of one instance (NAME-INDEX).</summary>
    Task<SignalResult> SignalAsync(string name, string signal, CancellationToken cancellationToken) =>
        throw new Api.ApiException(501, "this daemon cannot signal programs", null);

    /// <summary>Persisted state changes of a process, oldest first; only those at or after <paramref name="since"/> when set.</summary>
    Task<IReadOnlyList<HistoryEntry>> HistoryAsync(string name, DateTimeOffset? since, CancellationToken cancellationToken);

    /// <summary>The last <paramref name="lines"/> output lines.</summary>
    Task<IReadOnlyList<LogLine>> TailAsync(string name, int lines, CancellationToken cancellationToken);

    /// <summary>The last <paramref name="lines"/> lines, then new ones until cancelled.</summary>
    IAsyncEnumerable<LogLine> FollowAsync(string name, int lines, CancellationToken cancellationToken);

    /// <summary>Flushes buffered log output to files (one process, or all when null).</summary>
    Task FlushLogsAsync(string? name, CancellationToken cancellationToken);

    /// <summary>State changes as they happen, until cancelled.</summary>
    IAsyncEnumerable<ProcessEvent> EventsAsync(CancellationToken cancellationToken);

    /// <summary>The actor tree down to <paramref name="depth"/> levels.</summary>
    Task<ActorNode> HierarchyAsync(int depth, CancellationToken cancellationToken);

    /// <summary>Journal writes refused since start (disk full, database down): the daemon keeps running and says so.</summary>
    JournalWriteFailures JournalFailures => JournalWriteFailures.None;

    /// <summary>Use of the subsystems' bounded buffers: process logs, metrics, journal queue, event subscriptions.</summary>
    Task<IReadOnlyList<BufferUsage>> BufferUsageAsync(CancellationToken cancellationToken);
}
