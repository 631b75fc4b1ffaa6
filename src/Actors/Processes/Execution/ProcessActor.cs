using Akka.Actor;
using Akka.Event;
using ProcessManager.Actors.Os;
using ProcessManager.Actors.Os.Diagnostics;
using ProcessManager.Actors.Os.Logs;
using ProcessManager.Actors.Os.Metrics;
using ProcessManager.Actors.Os.Spawning;
using ProcessManager.Actors.Processes.Protocol;
using ProcessManager.Actors.Processes.Supervision;
using LogLine = ProcessManager.Actors.Processes.Protocol.LogLine;
using LogSource = ProcessManager.Actors.Processes.Protocol.LogSource;

namespace ProcessManager.Actors.Processes.Execution;

/// <summary>
/// Owns the OS side of one instance (web-0/process): spawns the program (off the mailbox, results
/// piped back), learns of its exit from the os layer's pidfd watcher, stops it (signal, then SIGKILL
/// to the group), captures its output and samples its process tree. It decides nothing: every
/// outcome is reported to the parent instance actor. Lives as long as the instance, across restarts
/// of the program, so the log ring keeps lines across restarts.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "An actor's resources are released in PostStop, which the kernel always runs.")]
internal sealed class ProcessActor : ReceiveActor, IWithTimers
{
    private const string SampleTimer = "sample";
    private const int JobResultLines = 20;

    private readonly string _appName;
    private readonly string _instanceName;
    private readonly int _index;
    private readonly ProcessSupervisorSettings _settings;

    /// <summary>The capture of the program's output; replaced at a spawn whose spec changed the log settings.</summary>
    private ProcessLog _log;

    /// <summary>What <see cref="_log"/> was made from.</summary>
    private Protocol.LogSettings _logSettings;

    private ProcessTreeSampler _sampler;

    /// <summary>The FIFOs the program writes its output into (outliving the daemon); null = pipes.</summary>
    private readonly OutputFifos? _fifos;

    /// <summary>The running program, or null when none.</summary>
    private ChildProcess? _child;

    /// <summary>Incremented per spawn/adopt so that results of an older program are recognised and dropped.</summary>
    private int _incarnation;

    /// <summary>A spawn is in flight (its result not yet piped back).</summary>
    private bool _spawning;

    /// <summary>A stop arrived while spawning: applied as soon as the program is known.</summary>
    private StopProgram? _pendingStop;

    /// <summary>Set in PostStop: a spawn still waiting (for the spawn gate) is dropped, since no actor would own the program.</summary>
    private volatile bool _stopped;

    /// <summary>The prepared spawn of <see cref="_planSpec"/>, reused by every restart of the same spec.</summary>
    private SpawnPlan? _plan;

    private ProcessSpec? _planSpec;

    /// <summary>A sample is being taken off the mailbox; at most one at a time.</summary>
    private bool _sampling;

    /// <summary>The program's spec has a memory limit, checked at every sample: it is sampled at metrics.interval always.</summary>
    private bool _memoryLimited;

    /// <summary>Environment.TickCount64 until which figures were asked for (<see cref="SamplingDemand"/>).</summary>
    private long _demandedUntil;

    /// <summary>The interval of the running sample timer; null = none.</summary>
    private TimeSpan? _cadence;

    public ProcessActor(string appName, int index, string instanceName, ProcessSpec spec, ProcessSupervisorSettings settings)
    {
        _appName = appName;
        _instanceName = instanceName;
        _index = index;
        _settings = settings;
        _logSettings = spec.Logs;
        _log = NewLog(spec.Logs);
        _sampler = new ProcessTreeSampler(MetricsOf(spec));
        _memoryLimited = spec.MemoryLimitBytes is not null;
        _fifos = settings.OutputCapture is { } capture ? new OutputFifos(capture, appName, index) : null;

        Receive<SpawnProgram>(OnSpawn);
        Receive<AdoptProgram>(OnAdopt);
        Receive<SpawnResult>(OnSpawnResult);
        Receive<ChildExited>(OnChildExited);
        Receive<StopProgram>(OnStop);
        Receive<KillProgram>(_ => _child?.SignalGroup(Signals.SIGKILL));
        Receive<SignalProgram>(signal => Sender.Tell(new SignalOutcome(
            _child is { } child && child.SignalGroup(signal.Signal) ? new SignalledInstance(_instanceName, child.Pid) : null)));
        Receive<SampleTick>(_ => OnSampleTick());
        Receive<SampleTaken>(OnSampleTaken);
        Receive<SamplingDemand>(OnSamplingDemand);
        Receive<GetLogTail>(tail => Sender.Tell(Tail(tail.Lines)));
        Receive<SubscribeLog>(subscribe => Sender.Tell(new LogSubscription(_instanceName, _log.Follow(subscribe.Capacity))));
        Receive<GetInstanceBuffers>(_ => Sender.Tell(Buffers()));
        Receive<FlushProgramLog>(_ => _log.FlushAsync().PipeTo(Sender, Self, () => new LogsFlushed(1), error => new CommandFailed($"flushing logs of {_instanceName}: {error.Message}")));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(string appName, int index, string instanceName, ProcessSpec spec, ProcessSupervisorSettings settings) =>
        Akka.Actor.Props.Create(() => new ProcessActor(appName, index, instanceName, spec, settings));

    private ProcessLog NewLog(Protocol.LogSettings logs) =>
        new(logs.Directory ?? _settings.LogDirectory, _appName, _index, LogSettingsMapping.ToOs(logs));

    private MetricsSettings MetricsOf(ProcessSpec spec) => new()
    {
        Interval = spec.MetricsInterval ?? _settings.MetricsInterval,
        HistoryCapacity = spec.MetricsHistory ?? _settings.MetricsHistory,
    };

    /// <summary>
    /// A spec change (apply) reaches the process actor with the next spawn: new log settings (max-size,
    /// keep, timestamps, ...) and metrics settings take effect for that program. The previous log is
    /// closed first (its queue drained) so that two writers never share a file; its followers end and
    /// its in-memory tail starts afresh.
    /// </summary>
    /// <returns>Completes when the program may be spawned.</returns>
    private Task AdoptSettingsOf(ProcessSpec spec)
    {
        var metrics = MetricsOf(spec);
        if (metrics != _sampler.Settings)
        {
            _sampler = new ProcessTreeSampler(metrics);
        }

        if (spec.Logs == _logSettings)
        {
            return Task.CompletedTask;
        }

        var previous = _log;
        _logSettings = spec.Logs;
        _log = NewLog(spec.Logs);
        return previous.DisposeAsync().AsTask();
    }

    protected override void PreStart()
    {
        if (_settings.IdleMetricsInterval is not null)
        {
            Context.System.EventStream.Subscribe(Self, typeof(SamplingDemand));
        }
    }

    protected override void PostStop()
    {
        Context.System.EventStream.Unsubscribe(Self);
        // The instance is going away (delete, scale down, daemon shutdown after the graceful stop):
        // nothing of its process group may outlive it.
        _stopped = true;
        _child?.Dispose();
        _ = _log.DisposeAsync().AsTask();
        _fifos?.Delete();
    }

    private void OnSpawn(SpawnProgram spawn)
    {
        if (_child is not null || _spawning)
        {
            Context.Parent.Tell(new ProgramSpawnFailed($"internal: {_instanceName} already has a program (pid {_child?.Pid})"));
            return;
        }

        LatencyTrace.Mark(LatencyStage.SpawnRequested, _index);
        var incarnation = ++_incarnation;
        _spawning = true;
        _pendingStop = null;
        var spec = spawn.Spec;
        _memoryLimited = spec.MemoryLimitBytes is not null;
        // An env-file is read at every start, so that its edits take effect on the next restart: no reused plan then.
        var plan = ReferenceEquals(spec, _planSpec) && spec.EnvFile is null ? _plan : null;
        var ready = AdoptSettingsOf(spec);
        if (_settings.SpawnGate is { IsCompleted: false } gate)
        {
            ready = Task.WhenAll(ready, gate);
        }

        var log = _log;
        var fifos = _fifos;
        var name = _instanceName;
        var index = _index;
        var tag = _settings.ProgramTag;
        var self = Self;
        void Post() => SpawnerPool.Shared.Post(
            () =>
            {
                LatencyTrace.CurrentKey = index;
                LatencyTrace.Mark(LatencyStage.SpawnThread, index);
                var prepared = plan ?? ProcessSpawner.Prepare(SpawnRequestFactory.Create(spec, name, index, tag));
                return new SpawnResult(incarnation, ProcessSpawner.Spawn(prepared, log, fifos), null, false, prepared, spec);
            },
            (result, error) => self.Tell(result ?? new SpawnResult(incarnation, null, error, false, null, spec)));

        if (ready.IsCompleted)
        {
            Post();
        }
        else
        {
            // Whatever closing the old log did, the program still starts (with the new log).
            ready.ContinueWith(
                _ =>
                {
                    if (!_stopped)
                    {
                        Post();
                    }
                },
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }
    }

    private void OnAdopt(AdoptProgram adopt)
    {
        if (_child is not null || _spawning)
        {
            Context.Parent.Tell(AdoptionFailed.Instance);
            return;
        }

        var incarnation = ++_incarnation;
        _spawning = true;
        var self = Self;
        var log = _log;
        var fifos = _fifos;
        SpawnerPool.Shared.Post(
            () => ProcessIdentity.Adopt(adopt.Pid, adopt.StartTimeTicks, log, fifos),
            (child, error) => self.Tell(new SpawnResult(incarnation, child, error, true, null, null)));
    }

    private void OnSpawnResult(SpawnResult result)
    {
        if (result.Incarnation != _incarnation)
        {
            result.Child?.Dispose();
            return;
        }

        _spawning = false;
        LatencyTrace.Mark(LatencyStage.SpawnResultOnActor, _index);
        if (!result.Adopted)
        {
            // A failed spawn may mean the binary or directory moved: prepare afresh next time.
            (_plan, _planSpec) = result.Child is null ? (null, null) : (result.Plan, result.Spec);
        }

        if (result.Child is not { } child)
        {
            // A stop that waited for this spawn has nothing left to stop.
            _pendingStop = null;
            Context.Parent.Tell(result.Adopted && result.Error is null
                ? AdoptionFailed.Instance
                : new ProgramSpawnFailed(Describe(result.Error)));
            return;
        }

        _child = child;
        var incarnation = result.Incarnation;
        Context.Parent.Tell(new ProgramSpawned(child.Pid, child.StartTimeTicks, child.StartedAt, result.Adopted));
        WaitForExit(child, _fifos).PipeTo(Self, Self, status => new ChildExited(incarnation, status));
        // One sample at once (memory known from the start), then on the shared cadence.
        _cadence = null;
        Self.Tell(SampleTick.Instance);
        ScheduleSampling();
        if (_pendingStop is { } stop)
        {
            _pendingStop = null;
            OnStop(stop);
        }
    }

    private static string Describe(Exception? error) => error switch
    {
        SpawnException spawn => spawn.Message,
        null => "unknown error",
        _ => error.Message,
    };

    /// <summary>The FIFOs go with the program (a next spawn, told of this exit only afterwards, makes new ones).</summary>
    private static async Task<ExitStatus> WaitForExit(ChildProcess child, OutputFifos? fifos)
    {
        var status = await child.Exited.ConfigureAwait(false);
        try
        {
            // Let the log pump read what the program wrote last before its result is recorded.
            await child.OutputCompleted.WaitAsync(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // A grandchild that left the session can hold the pipe open; do not wait for it.
        }

        fifos?.Delete();

        return status;
    }

    private void OnChildExited(ChildExited exited)
    {
        if (exited.Incarnation != _incarnation || _child is null)
        {
            return;
        }

        LatencyTrace.Mark(LatencyStage.ExitOnProcessActor, _index);
        _child.Dispose();
        _child = null;
        Timers.Cancel(SampleTimer);
        _cadence = null;
        var status = exited.Status;
        var outcome = new ExitOutcome(status.Code, status.Signal);
        // Only a job's result keeps its last lines; a service's exit (the restart path) need not copy them.
        // An adopted program has no plan, but its output was never captured either.
        string[] lastLines = _planSpec?.Kind == ProcessKind.Job ? [.. _log.Tail(JobResultLines).Select(line => line.Text)] : [];
        Context.Parent.Tell(new ProgramExited(outcome, status.Uptime, lastLines));
    }

    private void OnStop(StopProgram stop)
    {
        if (_child is { } child)
        {
            // Said in the daemon's log, naming the program: during a daemon stop this is what held the stop up.
            var log = Context.GetLogger();
            var name = _instanceName;
            child.StopAsync(stop.Signal, stop.Timeout).ContinueWith(
                task =>
                {
                    if (task.IsFaulted)
                    {
                        _ = task.Exception;
                    }
                    else if (child.KilledAtStopTimeout)
                    {
                        log.Warning(
                            "{0} (pid {1}) was still running {2} after {3} (its stop.timeout): its process group was sent SIGKILL",
                            name,
                            child.Pid,
                            stop.Timeout,
                            SignalNames.Name(stop.Signal));
                    }
                },
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }
        else if (_spawning)
        {
            _pendingStop = stop;
        }
    }

    private void OnSampleTick()
    {
        if (_child is not { } child || _sampling)
        {
            return;
        }

        ScheduleSampling();
        _sampling = true;
        var incarnation = _incarnation;
        _sampler.SampleAsync(child.Pid).PipeTo(Self, Self, sample => new SampleTaken(incarnation, sample), _ => new SampleTaken(incarnation, null));
    }

    private void OnSampleTaken(SampleTaken taken)
    {
        _sampling = false;
        if (taken.Incarnation == _incarnation && _child is not null && taken.Sample is { } sample)
        {
            Context.Parent.Tell(new ResourcesSampled(sample.CpuPercent, sample.RssBytes, sample.ProcessCount, _log.DroppedLines, _log.CapturedLines));
        }
    }

    /// <summary>Figures were asked for: a program on the idle cadence samples now and at metrics.interval for the window.</summary>
    private void OnSamplingDemand(SamplingDemand demand)
    {
        _demandedUntil = Environment.TickCount64 + (long)demand.Window.TotalMilliseconds;
        if (_child is null || _cadence is not { } cadence || cadence <= _sampler.Settings.Interval)
        {
            return;
        }

        ScheduleSampling();
        OnSampleTick();
    }

    /// <summary>Starts (or moves) the sample timer when the cadence the program should have differs from the running one.</summary>
    private void ScheduleSampling()
    {
        if (_child is null)
        {
            return;
        }

        var now = Environment.TickCount64;
        var cadence = SamplingCadence.Interval(_sampler.Settings.Interval, _settings.IdleMetricsInterval, _memoryLimited, now < _demandedUntil);
        if (cadence == _cadence)
        {
            return;
        }

        _cadence = cadence;
        Timers.StartPeriodicTimer(SampleTimer, SampleTick.Instance, SamplingCadence.DelayToNextTick(cadence, now), cadence);
    }

    private InstanceBuffers Buffers() => new(
        _log.QueuedBytes, _log.QueueCapacityBytes, _log.CapturedLines, _log.DroppedLines, _log.RingLines, _log.Settings.RingBufferLines,
        _sampler.History.Count, _sampler.History.Capacity);

    private LogLine[] Tail(int lines) =>
        [.. _log.Tail(Math.Max(0, lines)).Select(line => ToProtocol(_instanceName, line))];

    public static LogLine ToProtocol(string instance, Os.Logs.LogLine line) => new(
        instance,
        line.Stream == LogStreamKind.Stderr ? LogSource.Stderr : LogSource.Stdout,
        line.Timestamp,
        line.Text);

    private sealed record SpawnResult(int Incarnation, ChildProcess? Child, Exception? Error, bool Adopted, SpawnPlan? Plan, ProcessSpec? Spec);

    private sealed record ChildExited(int Incarnation, ExitStatus Status);

    private sealed record SampleTaken(int Incarnation, ProcessSample? Sample);

    private sealed record SampleTick
    {
        public static SampleTick Instance { get; } = new();
    }
}
