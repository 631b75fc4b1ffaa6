using System.Collections;
using System.Diagnostics;
using System.Text.Json;
using Akka.Actor;
using Akka.Event;
using ProcessManager.Actors.Os;
using ProcessManager.Actors.Os.Diagnostics;
using ProcessManager.Actors.Os.Logs;
using ProcessManager.Actors.Plugins.History;
using ProcessManager.Actors.Plugins.Manifests;
using ProcessManager.Actors.Plugins.Messages;
using ProcessManager.Actors.Plugins.Subscriptions;
using ProcessManager.Actors.Plugins.Workers;

namespace ProcessManager.Actors.Plugins.Pool;

/// <summary>
/// /user/plugins/NAME: one plugin's pool of <see cref="PluginWorker"/>s. Keeps pool.min workers started, grows to
/// pool.max while requests wait, queues at most pool.queue requests (then refuses), replaces a failed worker after
/// a doubling backoff, and replies to every accepted request exactly once: the worker reports each request's end here,
/// and a worker that stops with a request in hand has that request failed here. A new manifest starts a new generation:
/// old workers finish what they hold and leave, the queue goes to the new ones.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "An actor's resources are released in PostStop, which Akka always runs.")]
internal sealed class PluginActor : ReceiveActor, IWithTimers
{
    private const string ReplenishTimer = "replenish";

    private readonly PluginHostSettings _settings;
    private readonly IActorRef? _history;
    private readonly ILoggingAdapter _logger = Context.GetLogger();
    private readonly Dictionary<IActorRef, WorkerSlot> _workers = [];
    private readonly LinkedList<PendingJob> _queue = new();
    private readonly Dictionary<long, PendingJob> _inFlight = [];
    private readonly ProcessLog _log;

    private PluginManifest _manifest;
    private SpawnRequest _request;
    private int _generation = 1;
    private long _nextJobId = 1;
    private int _nextWorker;

    /// <summary>Worker failures since the last request that succeeded: the backoff's exponent.</summary>
    private int _failures;

    private IActorRef _subscriber = ActorRefs.Nobody;
    private bool _replenishScheduled;
    private bool _retiring;
    private long _invocations;
    private long _failed;
    private long _started;
    private long _recycled;
    private long _workerFailures;

    public PluginActor(PluginManifest manifest, PluginHostSettings settings, IActorRef? history)
    {
        _manifest = manifest;
        _settings = settings;
        _history = history;
        _request = CreateRequest(manifest, settings);
        _log = new ProcessLog(settings.LogDirectory, "plugin." + manifest.Name, 0, new LogSettings
        {
            MaxSize = 1024 * 1024,
            Keep = 2,
            TotalCap = 6 * 1024 * 1024,
            RingBufferLines = 100,
        });

        Receive<InvokePlugin>(Invoke);
        Receive<WorkerReady>(OnReady);
        Receive<JobFinished>(OnJobFinished);
        Receive<WorkerStartFailed>(OnStartFailed);
        Receive<Terminated>(t => OnTerminated(t.ActorRef));
        Receive<Replenish>(_ =>
        {
            _replenishScheduled = false;
            Grow();
        });
        Receive<ReplaceManifest>(m => Replace(m.Manifest));
        Receive<RetirePlugin>(_ =>
        {
            _retiring = true;
            DrainIfRetiring();
        });
        Receive<DescribePlugin>(_ => Sender.Tell(Status()));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(PluginManifest manifest, PluginHostSettings settings, IActorRef? history) =>
        Akka.Actor.Props.Create(() => new PluginActor(manifest, settings, history));

    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(_ => Directive.Stop);

    protected override void PreStart()
    {
        LatencyTrace.Mark(LatencyStage.PluginActorStarted, -1);
        _subscriber = Context.ActorOf(PluginSubscriber.Props(_manifest, Self), "subscriptions");
        Grow();
    }

    protected override void PostStop()
    {
        foreach (var job in _inFlight.Values.Concat(_queue))
        {
            Reply(job, null, PluginFailureCodes.Stopping, $"{_manifest.Name}: the plugin host is stopping", 0);
        }
        _ = _log.DisposeAsync().AsTask();
    }

    /// <summary>The worker's environment: the inherited variables named in the settings, the manifest's, and PBM_PLUGIN*.</summary>
    internal static SpawnRequest CreateRequest(PluginManifest manifest, PluginHostSettings settings)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        var daemon = Environment.GetEnvironmentVariables();
        foreach (var name in settings.InheritEnvironment)
        {
            if (daemon[name] is string value)
            {
                environment[name] = value;
            }
        }
        foreach (var (key, value) in manifest.Environment)
        {
            environment[key] = value;
        }
        environment["PBM_PLUGIN"] = manifest.Name;
        environment["PBM_PLUGIN_DIR"] = manifest.Directory;
        environment["PBM_PLUGIN_PROTOCOL"] = manifest.Protocol.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new SpawnRequest(manifest.Command, manifest.Directory, environment);
    }

    private void Invoke(InvokePlugin invoke)
    {
        if (_retiring)
        {
            Sender.Tell(new PluginInvocationFailed(invoke.Name, invoke.Method, PluginFailureCodes.Stopping, $"{invoke.Name} is being removed"));
            return;
        }
        if (string.IsNullOrWhiteSpace(invoke.Method))
        {
            Sender.Tell(new PluginInvocationFailed(invoke.Name, invoke.Method, PluginFailureCodes.BadRequest, "method: a method name is required"));
            return;
        }
        var paramsJson = string.IsNullOrWhiteSpace(invoke.ParamsJson) ? "null" : invoke.ParamsJson;
        try
        {
            using var _ = JsonDocument.Parse(paramsJson);
        }
        catch (JsonException e)
        {
            Sender.Tell(new PluginInvocationFailed(invoke.Name, invoke.Method, PluginFailureCodes.BadRequest, "params: not JSON: " + e.Message));
            return;
        }
        if (_queue.Count >= _manifest.Pool.Queue && !_workers.Values.Any(w => w.State == WorkerState.Idle && w.Generation == _generation))
        {
            Sender.Tell(new PluginInvocationFailed(invoke.Name, invoke.Method, PluginFailureCodes.QueueFull,
                $"{invoke.Name}: {_queue.Count} requests are waiting, the limit (pool.queue); try again later"));
            return;
        }
        _invocations++;
        _queue.AddLast(new PendingJob(_nextJobId++, invoke.Method, paramsJson, Sender, Stopwatch.GetTimestamp()));
        Dispatch();
        Grow();
    }

    private void Dispatch()
    {
        while (_queue.First is { } first)
        {
            var idle = _workers.FirstOrDefault(w => w.Value.State == WorkerState.Idle && w.Value.Generation == _generation);
            if (idle.Key is null)
            {
                return;
            }
            var job = first.Value;
            _queue.RemoveFirst();
            idle.Value.State = WorkerState.Busy;
            idle.Value.JobId = job.Id;
            _inFlight[job.Id] = job;
            idle.Key.Tell(new RunJob(job.Id, job.Method, job.ParamsJson));
        }
    }

    /// <summary>Starts workers up to pool.min, and beyond (to pool.max) while requests wait for more than the starting ones can take.</summary>
    private void Grow()
    {
        if (_replenishScheduled || (_retiring && _queue.Count == 0))
        {
            return;
        }
        var current = _workers.Values.Where(w => w.Generation == _generation && w.State != WorkerState.Leaving).ToList();
        var busy = current.Count(w => w.State == WorkerState.Busy);
        var wanted = Math.Max(_retiring ? 0 : _manifest.Pool.Min, Math.Min(_manifest.Pool.Max, busy + _queue.Count));
        for (var count = current.Count; count < wanted; count++)
        {
            StartWorker();
        }
    }

    private void StartWorker()
    {
        var worker = Context.ActorOf(PluginWorker.Props(_manifest, _request, _log, _settings), $"worker-{_generation}-{_nextWorker++}");
        Context.Watch(worker);
        _workers[worker] = new WorkerSlot(_generation);
        _started++;
    }

    private void OnReady(WorkerReady ready)
    {
        if (!_workers.TryGetValue(Sender, out var slot))
        {
            return;
        }
        slot.Pid = ready.Pid;
        slot.State = WorkerState.Idle;
        if (slot.Generation != _generation || (_retiring && _queue.Count == 0))
        {
            Leave(Sender, slot);
            return;
        }
        Dispatch();
    }

    private void OnJobFinished(JobFinished finished)
    {
        _workers.TryGetValue(Sender, out var slot);
        if (_inFlight.Remove(finished.JobId, out var job))
        {
            Reply(job, finished.ResultJson, finished.FailureCode, finished.FailureMessage, finished.Pid);
        }
        if (slot is not null)
        {
            slot.JobId = null;
            slot.Jobs++;
            if (finished.WorkerGone)
            {
                slot.State = WorkerState.Leaving;
                if (finished.Recycled)
                {
                    _recycled++;
                }
                else
                {
                    WorkerFailed();
                }
            }
            else
            {
                slot.State = WorkerState.Idle;
                if (slot.Generation != _generation)
                {
                    Leave(Sender, slot);
                }
            }
        }
        if (finished.FailureCode is null)
        {
            _failures = 0;
        }
        Dispatch();
        Grow();
        DrainIfRetiring();
    }

    private void OnStartFailed(WorkerStartFailed failed)
    {
        if (_workers.TryGetValue(Sender, out var slot))
        {
            slot.State = WorkerState.Leaving;
        }
        WorkerFailed();
        // Nothing can serve the queue: fail it rather than let it wait for a program that does not start.
        var serving = _workers.Values.Any(w => w.Generation == _generation && w.State is WorkerState.Idle or WorkerState.Busy or WorkerState.Starting);
        if (!serving)
        {
            while (_queue.First is { } first)
            {
                _queue.RemoveFirst();
                Reply(first.Value, null, PluginFailureCodes.Unavailable, $"{_manifest.Name}: no worker could be started: {failed.Reason}", 0);
            }
        }
        DrainIfRetiring();
    }

    private void OnTerminated(IActorRef worker)
    {
        if (!_workers.Remove(worker, out var slot))
        {
            return;
        }
        if (slot.JobId is { } id && _inFlight.Remove(id, out var job))
        {
            Reply(job, null, PluginFailureCodes.Crashed, $"{_manifest.Name}: the worker (pid {slot.Pid}) stopped while handling the request", slot.Pid);
        }
        if (slot.State != WorkerState.Leaving)
        {
            WorkerFailed();
        }
        Dispatch();
        Grow();
        DrainIfRetiring();
    }

    private void WorkerFailed()
    {
        _workerFailures++;
        _failures++;
        if (_replenishScheduled)
        {
            return;
        }
        _replenishScheduled = true;
        var factor = Math.Pow(2, Math.Min(_failures - 1, 20));
        var delay = TimeSpan.FromTicks((long)Math.Min(_settings.RestartBackoffMax.Ticks, _settings.RestartBackoffMin.Ticks * factor));
        Timers.StartSingleTimer(ReplenishTimer, Replenish.Instance, delay);
    }

    private static void Leave(IActorRef worker, WorkerSlot slot)
    {
        if (slot.State == WorkerState.Starting)
        {
            Context.Stop(worker);
        }
        else
        {
            worker.Tell(RetireWorker.Instance);
        }
        slot.State = WorkerState.Leaving;
    }

    private void Replace(PluginManifest manifest)
    {
        _manifest = manifest;
        _subscriber.Tell(manifest);
        _request = CreateRequest(manifest, _settings);
        _generation++;
        _failures = 0;
        _replenishScheduled = false;
        Timers.Cancel(ReplenishTimer);
        foreach (var (worker, slot) in _workers.ToList())
        {
            if (slot.State is WorkerState.Idle or WorkerState.Starting)
            {
                Leave(worker, slot);
            }
        }
        _logger.Info("plugin {0}: manifest {1} loaded (version {2}, generation {3})", manifest.Name, manifest.ManifestPath, manifest.Version, _generation);
        Grow();
        Sender.Tell(new PluginReloaded(manifest.Name, manifest.Version, _generation));
    }

    /// <summary>A removed plugin stops once every accepted request has its reply.</summary>
    private void DrainIfRetiring()
    {
        if (!_retiring || _queue.Count > 0 || _inFlight.Count > 0)
        {
            return;
        }
        foreach (var (worker, slot) in _workers.ToList())
        {
            if (slot.State != WorkerState.Leaving)
            {
                Leave(worker, slot);
            }
        }
        if (_workers.Count == 0)
        {
            Context.Stop(Self);
        }
    }

    private void Reply(PendingJob job, string? result, string? code, string? message, int pid)
    {
        var duration = Stopwatch.GetElapsedTime(job.AcceptedTimestamp);
        if (code is null)
        {
            job.ReplyTo.Tell(new PluginInvoked(_manifest.Name, job.Method, result ?? "null", duration, pid));
        }
        else
        {
            _failed++;
            job.ReplyTo.Tell(new PluginInvocationFailed(_manifest.Name, job.Method, code, message ?? code));
        }
        _history?.Tell(new InvocationRecord(DateTimeOffset.UtcNow, _manifest.Name, job.Method, code ?? "ok",
            InvocationRecord.Cut(code is null ? result ?? "null" : message ?? code), duration.TotalMilliseconds, pid));
    }

    private PluginStatus Status() => new(
        _manifest,
        _generation,
        [.. _workers.Values.Select(w => new WorkerStatus(w.Pid, w.State.ToString().ToLowerInvariant(), w.Jobs, w.Generation))],
        _queue.Count,
        _invocations,
        _failed,
        _started,
        _recycled,
        _workerFailures,
        _retiring ? "removing" : "running");
}
