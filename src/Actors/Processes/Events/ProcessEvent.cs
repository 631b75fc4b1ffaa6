using System.Globalization;
using System.Text.Json.Serialization;
using ProcessManager.Actors.Processes.Protocol;

namespace ProcessManager.Actors.Processes.Events;

/// <summary>
/// A persisted state change of an app or instance: the app actor persists the app-level events (declared,
/// config changed, desired state, deleted) under "app/NAME", an instance actor its own under "process/NAME-INDEX"
/// (<see cref="PersistenceIds"/>). The polymorphic JSON attributes describe the envelope of the journal written
/// before the move onto Akka.Persistence (<see cref="LegacyStoredProcessEvent"/>); events are now stored one type
/// per manifest by <see cref="ProcessEventSerializer"/>.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$event")]
[JsonDerivedType(typeof(AppDeclared), "declared")]
[JsonDerivedType(typeof(AppConfigChanged), "config-changed")]
[JsonDerivedType(typeof(DesiredStateChanged), "desired-state")]
[JsonDerivedType(typeof(AppDeleted), "deleted")]
[JsonDerivedType(typeof(ProgramStarted), "started")]
[JsonDerivedType(typeof(ProgramExitedEvent), "exited")]
[JsonDerivedType(typeof(RestartScheduled), "restart-scheduled")]
[JsonDerivedType(typeof(CrashLoopEntered), "crash-loop-entered")]
[JsonDerivedType(typeof(CrashLoopLeft), "crash-loop-left")]
[JsonDerivedType(typeof(StoppedByRequest), "stopped")]
[JsonDerivedType(typeof(MemoryLimitRestart), "memory-limit-restart")]
[JsonDerivedType(typeof(JobFinishedEvent), "job-finished")]
[JsonDerivedType(typeof(SpawnErrored), "errored")]
[JsonDerivedType(typeof(InstanceRetired), "retired")]
[JsonDerivedType(typeof(WatchRestart), "watch-restart")]
public abstract record ProcessEvent
{
    /// <summary>Kebab-case name shown by `pbm process history`.</summary>
    [JsonIgnore]
    public abstract string Name { get; }

    /// <summary>One line for people.</summary>
    public abstract string Describe();
}

public sealed record AppDeclared(ProcessSpec Spec, DesiredState Desired) : ProcessEvent
{
    public override string Name => "declared";

    public override string Describe() => $"{string.Join(' ', Spec.EffectiveArgv)} ({Spec.Instances} instance(s), desired {Desired})";
}

public sealed record AppConfigChanged(ProcessSpec Spec) : ProcessEvent
{
    public override string Name => "config-changed";

    public override string Describe() => $"{string.Join(' ', Spec.EffectiveArgv)} ({Spec.Instances} instance(s))";
}

public sealed record DesiredStateChanged(DesiredState Desired) : ProcessEvent
{
    public override string Name => "desired-state";

    public override string Describe() => Desired == DesiredState.Running ? "should run" : "should stay stopped";
}

public sealed record AppDeleted : ProcessEvent
{
    public override string Name => "deleted";

    public override string Describe() => "deleted";
}

/// <summary>StartTimeTicks is the /proc start time, used to recognise the same process after a daemon restart.</summary>
public sealed record ProgramStarted(int Pid, ulong StartTimeTicks, bool Adopted, int Restarts) : ProcessEvent
{
    public override string Name => "started";

    public override string Describe() => Adopted ? $"adopted pid {Pid}" : $"pid {Pid}";
}

public sealed record ProgramExitedEvent(int? Code, int? Signal, TimeSpan Uptime) : ProcessEvent
{
    public override string Name => "exited";

    public override string Describe() =>
        (Signal is { } signal ? $"killed by {SignalNames.Name(signal)}" : $"exit code {Code}")
        + string.Create(CultureInfo.InvariantCulture, $" after {Uptime.TotalSeconds:0.###}s");
}

public sealed record RestartScheduled(TimeSpan Delay, string Reason, int Restarts) : ProcessEvent
{
    public override string Name => "restart-scheduled";

    public override string Describe() => string.Create(CultureInfo.InvariantCulture, $"in {Delay.TotalMilliseconds:0} ms: {Reason}");
}

public sealed record CrashLoopEntered(string Reason, TimeSpan? CoolDown, int Restarts) : ProcessEvent
{
    public override string Name => "crash-loop-entered";

    public override string Describe() => Reason;
}

public sealed record CrashLoopLeft : ProcessEvent
{
    public override string Name => "crash-loop-left";

    public override string Describe() => "cool-down over, trying again";
}

public sealed record StoppedByRequest(string Reason) : ProcessEvent
{
    public override string Name => "stopped";

    public override string Describe() => Reason;
}

/// <summary>The app's watched files changed: its instances are restarted one after the other (app stream).</summary>
public sealed record WatchRestart(string FirstPath, int Changes) : ProcessEvent
{
    public override string Name => "watch-restart";

    public override string Describe() => Changes > 1 ? $"{FirstPath} changed (and {Changes - 1} more)" : $"{FirstPath} changed";
}

public sealed record MemoryLimitRestart(long RssBytes, long LimitBytes) : ProcessEvent
{
    public override string Name => "memory-limit-restart";

    public override string Describe() => $"rss {RssBytes} bytes > limit {LimitBytes} bytes";
}

public sealed record JobFinishedEvent(JobRun Run) : ProcessEvent
{
    public override string Name => "job-finished";

    public override string Describe() =>
        (Run.TimedOut ? "timed out" : Run.Succeeded ? "succeeded" : "failed")
        + string.Create(CultureInfo.InvariantCulture, $" in {Run.Duration.TotalSeconds:0.###}s");
}

public sealed record SpawnErrored(string Error) : ProcessEvent
{
    public override string Name => "errored";

    public override string Describe() => Error;
}

/// <summary>
/// The instance was removed (its app deleted or scaled down): what it recorded before no longer counts, so an
/// instance declared again under the same name starts with no restarts, no program to adopt and no job runs.
/// </summary>
public sealed record InstanceRetired(string Reason) : ProcessEvent
{
    public override string Name => "retired";

    public override string Describe() => Reason;
}
