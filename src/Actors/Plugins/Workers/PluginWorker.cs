using System.Buffers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Akka.Actor;
using Akka.Event;
using ProcessManager.Actors.Os;
using ProcessManager.Actors.Os.Diagnostics;
using ProcessManager.Actors.Os.Logs;
using ProcessManager.Actors.Plugins.Manifests;
using ProcessManager.Actors.Plugins.Messages;
using ProcessManager.Plugins.Sdk;

namespace ProcessManager.Actors.Plugins.Workers;

/// <summary>
/// One worker process of a plugin: starts it (stdin/stdout one socket pair, stderr to the plugin's log), says hello,
/// then runs one request at a time for its pool. Reads run on a task that tells the actor each frame; writes are
/// tasks whose failure is piped back; the exit arrives through the pidfd watcher. Any broken promise (exit, timeout,
/// malformed output) fails the request in hand with a clear reason, kills the process group, and stops the actor:
/// the pool replaces it.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "An actor's resources are released in PostStop, which Akka always runs.")]
internal sealed class PluginWorker : ReceiveActor, IWithTimers
{
    private const string DeadlineTimer = "deadline";
    private const string KillTimer = "kill";

    private readonly PluginManifest _manifest;
    private readonly SpawnRequest _request;
    private readonly ProcessLog? _log;
    private readonly PluginHostSettings _settings;
    private readonly CancellationTokenSource _stop = new();
    private readonly ILoggingAdapter _logger = Context.GetLogger();

    /// <summary>The program, once started.</summary>
    private ChildProcess? _child;

    /// <summary>The daemon's end of stdin/stdout, once started.</summary>
    private NetworkStream? _channel;

    /// <summary>The request in hand (Busy only).</summary>
    private RunJob? _job;

    private int _jobs;

    public PluginWorker(PluginManifest manifest, SpawnRequest request, ProcessLog? log, PluginHostSettings settings)
    {
        _manifest = manifest;
        _request = request;
        _log = log;
        _settings = settings;
        Starting();
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(PluginManifest manifest, SpawnRequest request, ProcessLog? log, PluginHostSettings settings) =>
        Akka.Actor.Props.Create(() => new PluginWorker(manifest, request, log, settings));

    private int Pid => _child?.Pid ?? 0;

    protected override void PreStart()
    {
        var request = _request;
        var log = _log;
        Task.Run(() =>
        {
            LatencyTrace.CurrentKey = -1;
            LatencyTrace.Mark(LatencyStage.PluginSpawnThread, -1);
            var plan = ProcessSpawner.Prepare(request);
            var (child, socket) = ProcessSpawner.SpawnWithChannel(plan, log);
            return new WorkerSpawned(child, socket);
        }).PipeTo(Self, failure: e => new WorkerSpawnFailed(e is AggregateException a ? a.InnerException!.Message : e.Message));
        Timers.StartSingleTimer(DeadlineTimer, new WorkerDeadline(0), _settings.StartTimeout);
    }

    protected override void PostStop()
    {
        _stop.Cancel();
        _channel?.Dispose();
        // SIGKILLs the group unless the program has exited.
        _child?.Dispose();
        _stop.Dispose();
    }

    private void Starting()
    {
        Receive<WorkerSpawned>(spawned =>
        {
            LatencyTrace.Mark(LatencyStage.PluginWorkerSpawned, -1);
            _child = spawned.Child;
            _channel = new NetworkStream(spawned.Channel, ownsSocket: true);
            _child.Exited.PipeTo(Self, success: status => new WorkerExited(status));
            StartReading(_channel);
            Write(0, PluginProtocol.HelloMethod, $$"""{"protocol":{{PluginProtocol.Version}},"plugin":{{JsonSerializer.Serialize(_manifest.Name, PluginJsonContext.Default.String)}}}""");
        });
        Receive<WorkerSpawnFailed>(failed => FailStart($"cannot start {_manifest.Command[0]}: {failed.Reason}"));
        Receive<FrameArrived>(frame =>
        {
            if (ReadResponse(frame.Json, 0) is { } response && response.Result is { } result)
            {
                var protocol = result.ValueKind == JsonValueKind.Object && result.TryGetProperty("protocol", out var p) && p.TryGetInt32(out var v) ? v : -1;
                if (protocol != _manifest.Protocol)
                {
                    FailStart($"the worker answered hello with protocol {protocol}, the manifest says {_manifest.Protocol}");
                    return;
                }
                Timers.Cancel(DeadlineTimer);
                LatencyTrace.Mark(LatencyStage.PluginWorkerReady, -1);
                Context.Parent.Tell(new WorkerReady(Pid));
                Become(Ready);
            }
            else
            {
                FailStart("the worker did not answer hello with {\"id\":0,\"result\":{\"protocol\":" + _manifest.Protocol + "}}" + (_lastProblem is null ? "" : ": " + _lastProblem));
            }
        });
        Receive<WorkerDeadline>(_ => FailStart($"no answer to hello within {_settings.StartTimeout.TotalSeconds:0.###}s"));
        Receive<ChannelEnded>(ended => FailStart(ended.Error ?? "the worker closed stdout before answering hello"));
        Receive<ChannelWriteFailed>(failed => FailStart("cannot send hello: " + failed.Error));
        Receive<WorkerExited>(exited => FailStart($"the worker {exited.Status} before answering hello{StderrHint()}"));
    }

    private void Ready()
    {
        Receive<RunJob>(job =>
        {
            _job = job;
            Write(job.JobId, job.Method, job.ParamsJson);
            Timers.StartSingleTimer(DeadlineTimer, new WorkerDeadline(job.JobId), _manifest.JobTimeout);
            Become(Busy);
        });
        Receive<RetireWorker>(_ => Retire());
        ReceiveFailures();
    }

    private void Busy()
    {
        Receive<FrameArrived>(frame =>
        {
            var job = _job!;
            if (ReadResponse(frame.Json, job.JobId) is not { } response)
            {
                Die(PluginFailureCodes.Protocol, $"malformed response from the worker (pid {Pid}): {_lastProblem}; the worker was killed");
                return;
            }
            Timers.Cancel(DeadlineTimer);
            _job = null;
            _jobs++;
            var recycle = _jobs >= _manifest.MaxJobsPerWorker || OverMemoryLimit();
            if (response.Result is { } result)
            {
                Context.Parent.Tell(new JobFinished(job.JobId, result.GetRawText(), null, null, Pid, recycle, recycle));
            }
            else
            {
                Context.Parent.Tell(new JobFinished(job.JobId, null, PluginFailureCodes.PluginError, response.Error, Pid, recycle, recycle));
            }
            if (recycle)
            {
                Retire();
            }
            else
            {
                Become(Ready);
            }
        });
        Receive<WorkerDeadline>(deadline =>
        {
            if (_job?.JobId == deadline.JobId)
            {
                Die(PluginFailureCodes.Timeout, $"no answer within job-timeout ({_manifest.JobTimeout.TotalSeconds:0.###}s); the worker (pid {Pid}) was killed");
            }
        });
        Receive<RetireWorker>(_ => { });
        ReceiveFailures();
    }

    private void Retiring()
    {
        Receive<WorkerExited>(_ => Context.Stop(Self));
        Receive<WorkerDeadline>(deadline =>
        {
            // The exit arrives through the pidfd watcher either way.
            _ = _child?.StopAsync(Signals.SIGTERM, _settings.StopTimeout);
        });
        Receive<FrameArrived>(_ => { });
        Receive<ChannelEnded>(_ => { });
        Receive<ChannelWriteFailed>(_ => { });
        Receive<RetireWorker>(_ => { });
        Receive<RunJob>(job => Context.Parent.Tell(new JobFinished(job.JobId, null, PluginFailureCodes.Crashed, "the worker was retiring", Pid, true, false)));
    }

    private void ReceiveFailures()
    {
        // An exit and the end of stdout come in either order: wait a moment for the other, so that the reason names both.
        Receive<WorkerExited>(exited => Dying(exited.Status, null, channelEnded: false));
        Receive<ChannelEnded>(ended => Dying(null, ended.Error, channelEnded: true));
        Receive<ChannelWriteFailed>(failed => Die(PluginFailureCodes.Crashed, $"cannot write to the worker (pid {Pid}): {failed.Error}; it was killed"));
        Receive<FrameArrived>(_ => Die(PluginFailureCodes.Protocol, $"the worker (pid {Pid}) sent a frame nobody asked for; it was killed"));
    }

    private void Dying(ExitStatus? status, string? channelError, bool channelEnded)
    {
        Timers.Cancel(DeadlineTimer);
        Timers.StartSingleTimer(KillTimer, new WorkerDeadline(-2), TimeSpan.FromMilliseconds(500));
        Become(() =>
        {
            Receive<WorkerExited>(exited =>
            {
                status = exited.Status;
                if (channelEnded)
                {
                    DieOf(status, channelError);
                }
            });
            Receive<ChannelEnded>(ended =>
            {
                channelError ??= ended.Error;
                channelEnded = true;
                if (status is not null)
                {
                    DieOf(status, channelError);
                }
            });
            Receive<WorkerDeadline>(_ => DieOf(status, channelError));
            Receive<FrameArrived>(_ => { });
            Receive<ChannelWriteFailed>(_ => { });
            Receive<RetireWorker>(_ => { });
        });
    }

    private void DieOf(ExitStatus? status, string? channelError)
    {
        var exit = status is { } s
            ? $"the worker (pid {Pid}) {s}"
            : channelError is null ? $"the worker (pid {Pid}) closed stdout and was killed" : $"the worker (pid {Pid}) was killed";
        if (channelError is not null)
        {
            Die(PluginFailureCodes.Protocol, $"malformed output: {channelError}; {exit}{StderrHint()}");
        }
        else
        {
            Die(PluginFailureCodes.Crashed, $"{exit} while handling the request{StderrHint()}");
        }
    }

    /// <summary>Fails the request in hand (if any), kills the group, and stops: the pool replaces the worker.</summary>
    private void Die(string code, string message)
    {
        Timers.CancelAll();
        _child?.SignalGroup(Signals.SIGKILL);
        if (_job is { } job)
        {
            Context.Parent.Tell(new JobFinished(job.JobId, null, code, $"{_manifest.Name}: {message}", Pid, WorkerGone: true, Recycled: false));
            _job = null;
        }
        else
        {
            _logger.Warning("plugin {0}: worker (pid {1}) stopped: {2}", _manifest.Name, Pid, message);
            Context.Parent.Tell(new JobFinished(-1, null, code, message, Pid, WorkerGone: true, Recycled: false));
        }
        Become(() => { });
        Context.Stop(Self);
    }

    private void FailStart(string reason)
    {
        Timers.CancelAll();
        _child?.SignalGroup(Signals.SIGKILL);
        _logger.Warning("plugin {0}: worker could not start: {1}", _manifest.Name, reason);
        Context.Parent.Tell(new WorkerStartFailed(reason));
        Become(() => { });
        Context.Stop(Self);
    }

    /// <summary>End of file on stdin asks the worker to finish; SIGTERM then SIGKILL if it does not.</summary>
    private void Retire()
    {
        Timers.CancelAll();
        Become(Retiring);
        if (_child is null || _child.Exited.IsCompleted)
        {
            Context.Stop(Self);
            return;
        }
        try
        {
            _channel?.Socket.Shutdown(SocketShutdown.Send);
        }
        catch (SocketException)
        {
            // Already gone: the exit follows.
        }
        Timers.StartSingleTimer(KillTimer, new WorkerDeadline(-1), _settings.StopTimeout);
    }

    private bool OverMemoryLimit() =>
        _manifest.MemoryLimit is long limit && _child is not null
        && ProcStat.Read(_child.Pid) is { } stat && stat.RssPages * Environment.SystemPageSize > limit;

    private string StderrHint() => _log is null ? "" : $" (its stderr: {_log.StderrPath})";

    /// <summary>Why the last frame was not a response (for the error message).</summary>
    private string? _lastProblem;

    private (JsonElement? Result, string? Error)? ReadResponse(byte[] json, long expectedId)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                _lastProblem = "a response is a JSON object {id, result | error}";
                return null;
            }
            if (!root.TryGetProperty("id", out var id) || !id.TryGetInt64(out var value) || value != expectedId)
            {
                _lastProblem = $"the response's id is not {expectedId}";
                return null;
            }
            if (root.TryGetProperty("error", out var error) && error.ValueKind != JsonValueKind.Null)
            {
                var message = error.ValueKind == JsonValueKind.Object && error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String
                    ? m.GetString()!
                    : error.GetRawText();
                return (null, $"{_manifest.Name}: {message}");
            }
            if (!root.TryGetProperty("result", out var result))
            {
                _lastProblem = "the response has neither result nor error";
                return null;
            }
            return (result.Clone(), null);
        }
        catch (JsonException e)
        {
            var preview = Encoding.UTF8.GetString(json.AsSpan(0, Math.Min(json.Length, 40)));
            _lastProblem = $"not JSON ({e.Message}; it starts with \"{preview}\")";
            return null;
        }
    }

    private void Write(long id, string method, string paramsJson)
    {
        byte[] frame;
        try
        {
            var buffer = new ArrayBufferWriter<byte>(64 + paramsJson.Length);
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                writer.WriteNumber("id", id);
                writer.WriteString("method", method);
                writer.WritePropertyName("params");
                writer.WriteRawValue(paramsJson);
                writer.WriteEndObject();
            }
            frame = buffer.WrittenSpan.ToArray();
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException)
        {
            // Checked by the pool before; kept so that a bad request can never reach a worker.
            Self.Tell(new ChannelWriteFailed("the params are not JSON: " + e.Message));
            return;
        }
        var self = Self;
        _ = Frames.WriteAsync(_channel!, frame, int.MaxValue, _stop.Token).AsTask().ContinueWith(
            t => self.Tell(new ChannelWriteFailed(t.Exception?.InnerException?.Message ?? "cancelled")),
            CancellationToken.None,
            TaskContinuationOptions.NotOnRanToCompletion,
            TaskScheduler.Default);
    }

    private void StartReading(NetworkStream channel)
    {
        var self = Self;
        var max = _settings.MaxFrameBytes;
        var token = _stop.Token;
        _ = Task.Run(async () =>
        {
            try
            {
                while (await Frames.ReadAsync(channel, max, token).ConfigureAwait(false) is { } frame)
                {
                    self.Tell(new FrameArrived(frame));
                }
                self.Tell(new ChannelEnded(null));
            }
            catch (FrameException e)
            {
                self.Tell(new ChannelEnded(e.Message));
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException or SocketException)
            {
                self.Tell(new ChannelEnded(null));
            }
        }, CancellationToken.None);
    }
}
