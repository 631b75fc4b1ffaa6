using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Akka.Actor;
using Microsoft.Extensions.Logging;
using ProcessManager.Actors.Diagnostics;
using ProcessManager.Actors.Processes;
using ProcessManager.Actors.Processes.Configuration;
using ProcessManager.Actors.Processes.Protocol;
using ProcessManager.Actors.Usb.Events;
using ProcessManager.Actors.Usb.Protocol;
using ProcessManager.Actors.Usb.Rules;
using ProcessManager.Configuration;
using ProcessManager.Hocon;
using ProcessManager.Host.Api;
using ProcessManager.Host.Hosting;
using ProcessManager.Host.Observability.Tracing;
using ProcessManager.Persistence.Storage;
using Dto = ProcessManager.Contracts.Dtos;

namespace ProcessManager.Host.Backend;

/// <summary>
/// The one class that talks to the actor system: turns API calls into asks to the process supervisor, and replies
/// (or protocol errors) into DTOs (or 4xx errors). The actor system's lifecycle is Akka.Hosting's.
/// </summary>
internal sealed partial class ActorProcessBackend : IProcessBackend
{
    /// <summary>Longest a query of the supervisor (and a walk of the actor tree) may take.</summary>
    internal static readonly TimeSpan QueryTimeout = TimeSpan.FromSeconds(10);

    /// <summary>How long a level of the actor tree waits for its last Identify answer.</summary>
    internal static readonly TimeSpan HierarchyQuietPeriod = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// A command's ask outlives <c>pbm.api.command-timeout</c> by this much, so the API's 504 (naming the setting)
    /// is what a caller sees, not the ask's.
    /// </summary>
    public static readonly TimeSpan CommandTimeoutMargin = TimeSpan.FromSeconds(5);

    private readonly ActorSystem _system;
    private readonly ICanTell _supervisor;
    private readonly ProcessManagerSetup _setup;
    private readonly ApiSettings _api;
    private int _subscriptions;

    /// <summary>Events dropped (the oldest of a full subscriber buffer) since start, over every subscriber.</summary>
    private long _eventsDropped;

    /// <summary>The live subscribers' buffers, for the fullest one in the memory stats.</summary>
    private readonly ConcurrentDictionary<Channel<object>, byte> _eventBuffers = new();

    /// <param name="system">The local actor system.</param>
    /// <param name="supervisor">The process supervisor: this daemon's, or another node's (an actor selection over the cluster).</param>
    /// <param name="setup">The daemon's setup.</param>
    public ActorProcessBackend(ActorSystem system, ICanTell supervisor, ProcessManagerSetup setup)
        : this(system, supervisor, setup, ownJournal: true)
    {
    }

    /// <param name="ownJournal">
    /// Whether the supervisor is this daemon's, whose journal refusals this backend counts; false for another node's,
    /// whose journal is that node's (and whose listener this daemon already runs once).
    /// </param>
    internal ActorProcessBackend(ActorSystem system, ICanTell supervisor, ProcessManagerSetup setup, bool ownJournal)
    {
        _system = system;
        _supervisor = supervisor;
        _setup = setup;
        _api = setup.Api;
        if (!ownJournal)
        {
            return;
        }

        JournalFailureListener.Start(system, refused => JournalFailures = JournalFailures with
        {
            Count = JournalFailures.Count + 1,
            LastReason = $"{refused.PersistenceId}: {refused.EventType}: {refused.Reason}",
            LastAt = refused.At,
        });
    }

    /// <summary>Written by the listener's mailbox thread only; an immutable record, read whole by the API.</summary>
    public JournalWriteFailures JournalFailures { get; private set; } = JournalWriteFailures.None;

    /// <summary>How long a command's ask waits: the API's command-timeout and a margin.</summary>
    private TimeSpan CommandTimeout => _api.CommandTimeout + CommandTimeoutMargin;

    public async Task<IReadOnlyList<Dto.ProcessStatus>> ListAsync(CancellationToken cancellationToken)
    {
        var list = await AskAsync<ProcessList>(ListProcesses.Instance, QueryTimeout, cancellationToken).ConfigureAwait(false);
        return list.Processes.Select(ProcessDtoMapper.Status).ToList();
    }

    public async Task<Dto.ProcessDescription> DescribeAsync(string name, CancellationToken cancellationToken)
    {
        var reply = await AskRawAsync(new DescribeProcess(name), QueryTimeout, cancellationToken).ConfigureAwait(false);
        if (reply is ProcessNotFound && InstanceName.TryParse(name) is var (app, index))
        {
            // web-1: the app's description, headed by that instance's status.
            reply = await AskRawAsync(new DescribeProcess(app), QueryTimeout, cancellationToken).ConfigureAwait(false);
            if (reply is not ProcessDescription { } whole || whole.Instances.FirstOrDefault(i => i.Instance == index) is not { } instance)
            {
                throw ApiException.UnknownProcess(name);
            }

            var description = ProcessDtoMapper.Description(whole);
            return description with { Status = ProcessDtoMapper.Status(instance) };
        }

        return ProcessDtoMapper.Description(Expect<ProcessDescription>(reply, "DescribeProcess"));
    }

    public async Task<Dto.ProcessStatus> StartAsync(Dto.StartProcessRequest request, CancellationToken cancellationToken)
    {
        object command;
        if (request.Command is { Count: > 0 } argv)
        {
            // An ad hoc program gets pbm.process-defaults like a declared one; the request overrides what it gives.
            var (template, templateErrors) = ProcessSpecParser.TryParseApp(
                request.Name,
                ConfigurationFactory.ParseString("command = [\"ad-hoc\"]", HoconParseOptions.Default with { OriginDescription = "pbm process start" }),
                ProcessManagerSetup.ProcessDefaults(_setup.Config));
            if (template is null)
            {
                throw new ApiException(400, "invalid process", string.Join("; ", templateErrors.Select(e => e.ToString())));
            }

            var spec = template with
            {
                Argv = argv.ToArray(),
                WorkingDirectory = request.WorkingDirectory ?? template.WorkingDirectory,
                Environment = request.Environment is null ? template.Environment : new Dictionary<string, string>(request.Environment),
                Instances = request.Instances ?? template.Instances,
                Restart = ProcessDtoMapper.ParsePolicy(request.RestartPolicy) ?? template.Restart,
                Origin = "pbm process start",
            };
            var errors = spec.Validate();
            if (errors.Count > 0)
            {
                throw new ApiException(400, "invalid process", string.Join("; ", errors.Select(e => e.ToString())));
            }

            command = new StartProcess(spec);
        }
        else
        {
            return await AppOrInstanceAsync(request.Name, new StartDeclaredProcess(request.Name), InstanceAction.Start, cancellationToken).ConfigureAwait(false);
        }

        var completed = await AskAsync<ProcessCommandCompleted>(command, CommandTimeout, cancellationToken).ConfigureAwait(false);
        return ProcessDtoMapper.Summary(completed.Name, completed.Instances);
    }

    public Task<Dto.ProcessStatus> StopAsync(string name, CancellationToken cancellationToken) =>
        AppOrInstanceAsync(name, new StopProcess(name), InstanceAction.Stop, cancellationToken);

    public Task<Dto.ProcessStatus> RestartAsync(string name, CancellationToken cancellationToken) =>
        AppOrInstanceAsync(name, new RestartProcess(name), InstanceAction.Restart, cancellationToken);

    /// <summary>
    /// The command for the app NAME; when no app has that name and it reads NAME-INDEX of an app that has such an
    /// instance, that one instance (an app's own name always wins, so an app called web-1 stays reachable).
    /// </summary>
    private async Task<Dto.ProcessStatus> AppOrInstanceAsync(string name, object appCommand, InstanceAction action, CancellationToken cancellationToken)
    {
        var reply = await AskRawAsync(appCommand, CommandTimeout, cancellationToken).ConfigureAwait(false);
        if (reply is ProcessNotFound && InstanceName.TryParse(name) is var (app, index))
        {
            reply = await AskRawAsync(new ControlInstance(app, index, action), CommandTimeout, cancellationToken).ConfigureAwait(false);
            if (reply is ProcessNotFound)
            {
                throw ApiException.UnknownProcess(name);
            }
        }

        var completed = Expect<ProcessCommandCompleted>(reply, appCommand);
        return ProcessDtoMapper.Summary(completed.Name, completed.Instances);
    }

    public async Task DeleteAsync(string name, CancellationToken cancellationToken)
    {
        var reply = await AskRawAsync(new DeleteProcess(name), CommandTimeout, cancellationToken).ConfigureAwait(false);
        if (reply is ProcessNotFound && InstanceName.TryParse(name) is var (app, index)
            && await AskRawAsync(new DescribeProcess(app), QueryTimeout, cancellationToken).ConfigureAwait(false) is ProcessDescription whole
            && whole.Instances.Any(instance => instance.Instance == index))
        {
            // web-1 is known, only not deletable on its own: saying "unknown" would send the caller looking for a typo.
            throw new ApiException(
                400,
                $"'{name}' is an instance of '{app}': instances are deleted with their app",
                $"use 'pbm process scale {app} N' to run fewer instances, 'pbm process stop {name}' to stop this one, or 'pbm process delete {app}'");
        }

        Expect<ProcessDeleted>(reply, "DeleteProcess");
    }

    public async Task<Dto.ProcessStatus> ScaleAsync(string name, int instances, CancellationToken cancellationToken)
    {
        var completed = await AskAsync<ProcessCommandCompleted>(new ScaleProcess(name, instances), CommandTimeout, cancellationToken).ConfigureAwait(false);
        return ProcessDtoMapper.Summary(completed.Name, completed.Instances);
    }

    public async Task<Dto.ApplyConfigResult> ApplyAsync(Dto.ApplyConfigRequest request, CancellationToken cancellationToken)
    {
        IReadOnlyList<ProcessSpec> specs;
        IReadOnlyList<UsbRule> rules;
        try
        {
            var (apps, parsedRules) = ParseAppsFile(
                request.FileName,
                request.Text,
                "declare them in a top-level block: processes { NAME { command = [program, args...] } } (an empty processes { } removes every program)");
            specs = ApplyPaths.Anchor(apps, request.FileName);
            ApplyPaths.CheckEnvFiles(specs);
            rules = [.. parsedRules.Select(rule => rule.Target is AppRuleTarget app
                ? rule with { Target = new AppRuleTarget(ApplyPaths.Anchor([app.Template], request.FileName)[0]) }
                : rule)];
        }
        catch (ProcessSpecException ex)
        {
            throw new ApiException(400, $"invalid configuration in {request.FileName}", ex.Message);
        }
        catch (ConfigurationException ex)
        {
            throw new ApiException(400, $"cannot read {request.FileName}", ex.Message);
        }

        IReadOnlyList<ProcessSpec> templates = [.. rules.Select(rule => rule.Target).OfType<AppRuleTarget>().Select(target => target.Template)];
        var apply = new ApplyConfig(specs, SourceFile: request.FileName, Prune: request.Prune, DryRun: request.DryRun, Templates: templates);
        if (!request.DryRun)
        {
            var watcher = UsbWatcher();
            if (watcher is null && rules.Count > 0)
            {
                throw new ApiException(
                    400,
                    $"{request.FileName}: {string.Join(", ", rules.Select(rule => rule.App))} bound to USB devices, but the USB watcher is off",
                    "set pbm.usb.enabled = true (and restart the daemon), or remove the usb blocks");
            }

            // Checked (a dry run) before the rules change, so that a file the supervisor refuses changes nothing. The
            // watcher then takes the file's rules before the apply removes the per-device apps of vanished ones: no
            // device can bring such an app back in between.
            await AskAsync<ApplyResult>(apply with { DryRun = true }, CommandTimeout, cancellationToken).ConfigureAwait(false);
            if (watcher is not null)
            {
                object replaced;
                try
                {
                    replaced = await watcher.Ask<object>(new ReplaceUsbRules(request.FileName, rules), CommandTimeout, cancellationToken).ConfigureAwait(false);
                }
                catch (AskTimeoutException)
                {
                    throw new ApiException(503, "the USB watcher did not record the file's rules in time (is the journal writable?)", "nothing of the file was applied; try again");
                }

                if (replaced is not UsbRulesReplaced)
                {
                    throw new ApiException(500, "the USB watcher did not take the file's rules", replaced.ToString() ?? "no answer");
                }
            }
        }

        var result = await AskAsync<ApplyResult>(apply, CommandTimeout, cancellationToken).ConfigureAwait(false);
        return new Dto.ApplyConfigResult(result.Added, result.Changed, result.Removed, result.Unchanged, result.Kept ?? []);
    }

    /// <summary>The USB watcher (/user/usb) when the daemon runs one.</summary>
    private IActorRef? UsbWatcher() =>
        Akka.Hosting.ActorRegistry.For(_system).TryGet<UsbWatcherKey>(out var watcher) ? watcher : null;

    public async Task<IReadOnlyList<Dto.HistoryEntry>> HistoryAsync(string name, DateTimeOffset? since, CancellationToken cancellationToken)
    {
        var history = await AskAsync<ProcessHistory>(new GetProcessHistory(name, since), QueryTimeout, cancellationToken).ConfigureAwait(false);
        return history.Entries.Select(ProcessDtoMapper.History).ToList();
    }

    public async Task<IReadOnlyList<Dto.LogLine>> TailAsync(string name, int lines, CancellationToken cancellationToken)
    {
        var reply = await AskRawAsync(new TailLog(name, null, lines), QueryTimeout, cancellationToken).ConfigureAwait(false);
        if (reply is ProcessNotFound && InstanceName.TryParse(name) is var (app, index))
        {
            reply = await AskRawAsync(new TailLog(app, index, lines), QueryTimeout, cancellationToken).ConfigureAwait(false);
            if (reply is ProcessNotFound)
            {
                throw ApiException.UnknownProcess(name);
            }
        }

        return Expect<LogLines>(reply, "TailLog").Lines.Select(ProcessDtoMapper.Log).ToList();
    }

    public async IAsyncEnumerable<Dto.LogLine> FollowAsync(string name, int lines, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Subscribe first, then read the tail: a line written in between may show twice, but none is lost.
        var reply = await AskRawAsync(new FollowLog(name, null, cancellationToken), QueryTimeout, cancellationToken).ConfigureAwait(false);
        if (reply is ProcessNotFound && InstanceName.TryParse(name) is var (app, index))
        {
            reply = await AskRawAsync(new FollowLog(app, index, cancellationToken), QueryTimeout, cancellationToken).ConfigureAwait(false);
            if (reply is ProcessNotFound)
            {
                throw ApiException.UnknownProcess(name);
            }
        }

        var following = Expect<LogFollowing>(reply, "FollowLog");
        var tail = lines > 0 ? await TailAsync(name, lines, cancellationToken).ConfigureAwait(false) : [];
        await foreach (var line in TailThenLive.StreamAsync(tail, following.Lines, cancellationToken).ConfigureAwait(false))
        {
            yield return line;
        }
    }

    public async Task FlushLogsAsync(string? name, CancellationToken cancellationToken) =>
        await AskAsync<LogsFlushed>(new FlushLogs(name), QueryTimeout, cancellationToken).ConfigureAwait(false);

    public async IAsyncEnumerable<Dto.ProcessEvent> EventsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var system = _system;

        // A subscriber that reads slower than events happen loses the oldest ones, counted: memory stays bounded
        // and what it reads next is the most recent state.
        var channel = Channel.CreateBounded<object>(
            new BoundedChannelOptions(_api.EventBuffer)
            {
                FullMode = BoundedChannelFullMode.DropOldest,
                SingleReader = true,
            },
            _ => Interlocked.Increment(ref _eventsDropped));
        var forwarder = ((ExtendedActorSystem)system).SystemActorOf(Props.Create(() => new EventForwarder(channel.Writer)), $"api-events-{Guid.NewGuid():N}");
        Interlocked.Increment(ref _subscriptions);
        _eventBuffers.TryAdd(channel, 0);
        try
        {
            await foreach (var next in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return next is UsbDeviceEvent device ? UsbDtoMapper.GeneralEvent(device) : ProcessDtoMapper.Event((ProcessStateChanged)next);
            }
        }
        finally
        {
            Interlocked.Decrement(ref _subscriptions);
            _eventBuffers.TryRemove(channel, out _);
            system.Stop(forwarder);
        }
    }

    public async Task<Dto.ActorNode> HierarchyAsync(int depth, CancellationToken cancellationToken) =>
        ProcessDtoMapper.Actor(await ActorHierarchy.WalkAsync(_system, depth, HierarchyQuietPeriod, QueryTimeout, cancellationToken).ConfigureAwait(false));

    public async Task<IReadOnlyList<Dto.BufferUsage>> BufferUsageAsync(CancellationToken cancellationToken)
    {
        var stats = await AskAsync<BufferStats>(GetBufferStats.Instance, QueryTimeout, cancellationToken).ConfigureAwait(false);
        return
        [
            new("logs", "write-queue-bytes", stats.LogQueuedBytes, stats.LogQueueCapacityBytes, stats.LogDroppedLines),
            new("logs", "ring-lines", stats.RingLines, stats.RingCapacity),
            new("logs", "captured-lines", stats.LogCapturedLines, 0),
            new("metrics", "history-samples", stats.MetricsSamples, stats.MetricsCapacity),
            JournalWriteQueue(),
            new("events", "subscriptions", Volatile.Read(ref _subscriptions), 0),
            new("events", "subscriber-buffer", _eventBuffers.Keys.Select(c => c.Reader.Count).DefaultIfEmpty(0).Max(), _api.EventBuffer, Interlocked.Read(ref _eventsDropped)),
        ];
    }

    /// <summary>The journal's write queue, when the journal is the group-commit plugin (Akka.Persistence.Sql keeps its own).</summary>
    private Dto.BufferUsage JournalWriteQueue() =>
        JournalStatistics.WriteQueues(_system, _setup.Persistence) is { } journal
            ? new("journal", "write-queue", journal.Queued, journal.Capacity, journal.Failed)
            : new("journal", "write-queue", 0, 0);

    private async Task<T> AskAsync<T>(object message, TimeSpan timeout, CancellationToken cancellationToken) =>
        Expect<T>(await AskRawAsync(message, timeout, cancellationToken).ConfigureAwait(false), message);

    private async Task<object?> AskRawAsync(object message, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var activity = PbmTracing.StartCommand(message);
        try
        {
            var reply = await _supervisor.Ask<object?>(message, timeout, cancellationToken).ConfigureAwait(false);
            activity?.SetTag("pbm.reply", reply?.GetType().Name);
            return reply;
        }
        catch (Exception ex) when (activity is not null && PbmTracing.Failed(activity, ex))
        {
            throw;
        }
        catch (AskTimeoutException)
        {
            throw new ApiException(504, "the process supervisor did not answer in time", $"{message.GetType().Name} took longer than {timeout.TotalSeconds:0} s; see the daemon log");
        }
    }

    /// <summary>The reply as T, or the protocol error as the API error a caller can act on.</summary>
    private static T Expect<T>(object? reply, object message) =>
        reply switch
        {
            T typed => typed,
            ProcessNotFound notFound => throw ApiException.UnknownProcess(notFound.Name),
            InvalidProcessSpec invalid => throw new ApiException(400, "invalid process", invalid.ToString()),
            CommandFailed failed => throw new ApiException(409, failed.Reason, null),
            JournalRefused refused => throw new ApiException(503, refused.Message, "the daemon keeps running; free space or fix the database, then repeat the command (see 'pbm daemon status')"),
            IProcessCommandError error => throw new ApiException(400, error.Message, null),
            _ => throw new InvalidOperationException($"unexpected reply {reply?.GetType().Name ?? "null"} to {(message as string ?? message.GetType().Name)}"),
        };

}
