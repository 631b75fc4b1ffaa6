using System.Threading.Channels;

namespace ProcessManager.Actors.Processes.Protocol;

/// <summary>A start/stop/restart/scale took effect; the instances as they are now.</summary>
public sealed record ProcessCommandCompleted(string Name, IReadOnlyList<ProcessStatus> Instances);

public sealed record ProcessDeleted(string Name);

/// <summary>
/// App names per outcome of an <see cref="ApplyConfig"/>; only Changed apps were restarted. Kept: apps missing
/// from the file that were left alone because another file (or a person) declared them.
/// </summary>
public sealed record ApplyResult(
    IReadOnlyList<string> Added,
    IReadOnlyList<string> Changed,
    IReadOnlyList<string> Removed,
    IReadOnlyList<string> Unchanged,
    IReadOnlyList<string>? Kept = null);

/// <summary>Every instance of every declared app, ordered by app name then index.</summary>
public sealed record ProcessList(IReadOnlyList<ProcessStatus> Processes);

/// <summary>
/// One app in detail: its spec, desired state, instances, and for jobs the recent runs (newest last,
/// at most spec.JobHistoryLimit).
/// </summary>
public sealed record ProcessDescription(
    ProcessSpec Spec,
    DesiredState DesiredState,
    IReadOnlyList<ProcessStatus> Instances,
    IReadOnlyList<JobRun> JobRuns);

/// <summary>
/// A live log subscription: read Lines until it completes (cancellation, or the app deleted).
/// Dropped() counts lines lost because the reader fell behind.
/// </summary>
public sealed record LogFollowing(string Name, ChannelReader<LogLine> Lines, Func<long> Dropped);

public sealed record LogLines(string Name, IReadOnlyList<LogLine> Lines);

public sealed record LogsFlushed(int Instances);

/// <summary>Persisted events of an app, oldest first.</summary>
public sealed record ProcessHistory(string Name, IReadOnlyList<ProcessHistoryEntry> Entries);

public sealed record ProcessesShutDown(int Instances);
