using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using ProcessManager.Actors.Processes;
using ProcessManager.Actors.Processes.Configuration;
using ProcessManager.Actors.Processes.Journal;
using ProcessManager.Actors.Processes.Protocol;
using ProcessManager.Configuration;
using ProcessManager.Hocon;
using ProcessManager.Host.Api;
using ProcessManager.Host.Hosting;
using ProcessManager.Kernel;
using ProcessManager.Persistence;
using ProcessManager.Persistence.Serialization;
using Dto = ProcessManager.Contracts.Dtos;

namespace ProcessManager.Host.Backend;

/// <summary>
/// The one class that talks to the actor system: starts it with the process supervisor and its SQLite journal,
/// turns API calls into asks, and replies (or protocol errors) into DTOs (or 4xx errors).
/// </summary>
internal sealed partial class ActorProcessBackend : IProcessBackend, IAsyncDisposable
{
    private static readonly TimeSpan QueryTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A command's ask outlives <c>pbm.api.command-timeout</c> by this much, so the API's 504 (naming the setting)
    /// is what a caller sees, not the ask's.
    /// </summary>
    private static readonly TimeSpan CommandTimeoutMargin = TimeSpan.FromSeconds(5);

    private readonly ProcessManagerOptions _options;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private ActorSystem? _system;
    private IActorRef? _supervisor;
    private IPersistenceStore? _store;
    private ApiSettings _api = new();
    private int _subscriptions;

    /// <summary>Events dropped (the oldest of a full subscriber buffer) since start, over every subscriber.</summary>
    private long _eventsDropped;

    /// <summary>The live subscribers' buffers, for the fullest one in the memory stats.</summary>
    private readonly ConcurrentDictionary<Channel<ProcessStateChanged>, byte> _eventBuffers = new();

    public ActorProcessBackend(ProcessManagerOptions options, ILoggerFactory loggerFactory)
    {
        _options = options;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger("ProcessManager.Processes");
    }

    /// <summary>How long a command's ask waits: the API's command-timeout and a margin.</summary>
    private TimeSpan CommandTimeout => _api.CommandTimeout + CommandTimeoutMargin;

    private IActorRef Supervisor => _supervisor ?? throw new ApiException(503, "the actor system is not running", "the daemon is starting or stopping");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var home = _options.PbmHome ?? PbmHome.Resolve();
        var config = _options.Configuration ?? Config.Empty;

        // An embedding application may pass a configuration that did not go through the loader's check.
        PbmConfigValidator.RequireTopLevelProcesses(config);
        _api = _options.Api ?? ApiSettingsReader.Read(config);
        var serializer = StoredProcessJournal.Register(new EventSerializer());
        var persistence = PersistenceSettingsReader.Read(config, home);
        _store = await PersistenceStore.OpenAsync(persistence, serializer, cancellationToken).ConfigureAwait(false);
        _system = ActorSystem.Create("pbm", KernelSettingsReader.Read(config, _loggerFactory));
        var settings = ProcessSupervisorSettings.Default with { LogDirectory = Path.Combine(home, "logs") };
        _supervisor = ProcessSupervisor.Start(_system, settings, new StoredProcessJournal(_store, persistence.Retention.MaxEventsPerProcess));

        var declared = config.HasPath(PbmConfigValidator.ProcessesPath)
            ? ProcessSpecParser.Parse(config.GetConfig(PbmConfigValidator.ProcessesPath), Defaults(config))
            : [];
        if (declared.Count > 0)
        {
            var result = await AskAsync<ApplyResult>(new ApplyConfig(declared, RemoveMissing: false), CommandTimeout, cancellationToken).ConfigureAwait(false);
            LogDeclared(_logger, result.Added.Count, result.Changed.Count, result.Unchanged.Count);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_system is { } system)
        {
            _supervisor = null;

            // Coordinated shutdown: the supervisor stops every program in parallel within its stop timeout.
            await system.Terminate().WaitAsync(cancellationToken).ConfigureAwait(false);
            _system = null;
        }

        if (_store is { } store)
        {
            _store = null;

            // Disposing flushes the group-commit writer: every acknowledged event is on disk.
            await store.DisposeAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None).ConfigureAwait(false);

    public async Task<IReadOnlyList<Dto.ProcessStatus>> ListAsync(CancellationToken cancellationToken)
    {
        var list = await AskAsync<ProcessList>(ListProcesses.Instance, QueryTimeout, cancellationToken).ConfigureAwait(false);
        return list.Processes.Select(ProcessDtoMapper.Status).ToList();
    }

    public async Task<Dto.ProcessDescription> DescribeAsync(string name, CancellationToken cancellationToken) =>
        ProcessDtoMapper.Description(await AskAsync<ProcessDescription>(new DescribeProcess(name), QueryTimeout, cancellationToken).ConfigureAwait(false));

    public async Task<Dto.ProcessStatus> StartAsync(Dto.StartProcessRequest request, CancellationToken cancellationToken)
    {
        object command;
        if (request.Command is { Count: > 0 } argv)
        {
            // An ad hoc program gets pbm.process-defaults like a declared one; the request overrides what it gives.
            var (template, templateErrors) = ProcessSpecParser.TryParseApp(
                request.Name,
                ConfigurationFactory.ParseString("command = [\"ad-hoc\"]", HoconParseOptions.Default with { OriginDescription = "pbm process start" }),
                Defaults(_options.Configuration ?? Config.Empty));
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
            command = new StartDeclaredProcess(request.Name);
        }

        var completed = await AskAsync<ProcessCommandCompleted>(command, CommandTimeout, cancellationToken).ConfigureAwait(false);
        return ProcessDtoMapper.Summary(completed.Name, completed.Instances);
    }

    public async Task<Dto.ProcessStatus> StopAsync(string name, CancellationToken cancellationToken)
    {
        var completed = await AskAsync<ProcessCommandCompleted>(new StopProcess(name), CommandTimeout, cancellationToken).ConfigureAwait(false);
        return ProcessDtoMapper.Summary(completed.Name, completed.Instances);
    }

    public async Task<Dto.ProcessStatus> RestartAsync(string name, CancellationToken cancellationToken)
    {
        var completed = await AskAsync<ProcessCommandCompleted>(new RestartProcess(name), CommandTimeout, cancellationToken).ConfigureAwait(false);
        return ProcessDtoMapper.Summary(completed.Name, completed.Instances);
    }

    public async Task DeleteAsync(string name, CancellationToken cancellationToken) =>
        await AskAsync<ProcessDeleted>(new DeleteProcess(name), CommandTimeout, cancellationToken).ConfigureAwait(false);

    public async Task<Dto.ProcessStatus> ScaleAsync(string name, int instances, CancellationToken cancellationToken)
    {
        var completed = await AskAsync<ProcessCommandCompleted>(new ScaleProcess(name, instances), CommandTimeout, cancellationToken).ConfigureAwait(false);
        return ProcessDtoMapper.Summary(completed.Name, completed.Instances);
    }

    public async Task<Dto.ApplyConfigResult> ApplyAsync(Dto.ApplyConfigRequest request, CancellationToken cancellationToken)
    {
        IReadOnlyList<ProcessSpec> specs;
        try
        {
            var directory = Path.GetDirectoryName(request.FileName);
            var config = ConfigurationFactory.ParseString(request.Text, HoconParseOptions.Default with
            {
                OriginDescription = request.FileName,
                BaseDirectory = string.IsNullOrEmpty(directory) ? null : directory,
            });
            try
            {
                PbmConfigValidator.RequireTopLevelProcesses(config);
            }
            catch (ConfigurationException ex)
            {
                throw new ApiException(400, $"invalid configuration in {request.FileName}", ex.Message);
            }

            if (!config.HasPath(PbmConfigValidator.ProcessesPath))
            {
                throw new ApiException(
                    400,
                    $"{request.FileName} declares no programs",
                    "declare them in a top-level block: processes { NAME { command = [program, args...] } } (an empty processes { } removes every program)");
            }

            var block = config.GetConfig(PbmConfigValidator.ProcessesPath);
            var daemonDefaults = Defaults(_options.Configuration ?? Config.Empty);
            var defaults = config.HasPath("pbm.process-defaults")
                ? config.GetConfig("pbm.process-defaults").WithFallback(daemonDefaults ?? Config.Empty)
                : daemonDefaults;
            specs = ProcessSpecParser.Parse(block, defaults);
        }
        catch (ProcessSpecException ex)
        {
            throw new ApiException(400, $"invalid configuration in {request.FileName}", ex.Message);
        }
        catch (ConfigurationException ex)
        {
            throw new ApiException(400, $"cannot read {request.FileName}", ex.Message);
        }

        var result = await AskAsync<ApplyResult>(new ApplyConfig(specs), CommandTimeout, cancellationToken).ConfigureAwait(false);
        return new Dto.ApplyConfigResult(result.Added, result.Changed, result.Removed, result.Unchanged);
    }

    public async Task<IReadOnlyList<Dto.HistoryEntry>> HistoryAsync(string name, DateTimeOffset? since, CancellationToken cancellationToken)
    {
        var history = await AskAsync<ProcessHistory>(new GetProcessHistory(name, since), QueryTimeout, cancellationToken).ConfigureAwait(false);
        return history.Entries.Select(ProcessDtoMapper.History).ToList();
    }

    public async Task<IReadOnlyList<Dto.LogLine>> TailAsync(string name, int lines, CancellationToken cancellationToken)
    {
        var tail = await AskAsync<LogLines>(new TailLog(name, null, lines), QueryTimeout, cancellationToken).ConfigureAwait(false);
        return tail.Lines.Select(ProcessDtoMapper.Log).ToList();
    }

    public async IAsyncEnumerable<Dto.LogLine> FollowAsync(string name, int lines, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Subscribe first, then read the tail: a line written in between may show twice, but none is lost.
        var following = await AskAsync<LogFollowing>(new FollowLog(name, null, cancellationToken), QueryTimeout, cancellationToken).ConfigureAwait(false);
        DateTimeOffset? lastTailed = null;
        if (lines > 0)
        {
            foreach (var line in await TailAsync(name, lines, cancellationToken).ConfigureAwait(false))
            {
                lastTailed = line.Timestamp;
                yield return line;
            }
        }

        await foreach (var line in following.Lines.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            if (lastTailed is { } last && line.Timestamp <= last)
            {
                continue;
            }

            yield return ProcessDtoMapper.Log(line);
        }
    }

    public async Task FlushLogsAsync(string? name, CancellationToken cancellationToken) =>
        await AskAsync<LogsFlushed>(new FlushLogs(name), QueryTimeout, cancellationToken).ConfigureAwait(false);

    public async IAsyncEnumerable<Dto.ProcessEvent> EventsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var system = _system ?? throw new ApiException(503, "the actor system is not running", null);

        // A subscriber that reads slower than events happen loses the oldest ones, counted: memory stays bounded
        // and what it reads next is the most recent state.
        var channel = Channel.CreateBounded<ProcessStateChanged>(
            new BoundedChannelOptions(_api.EventBuffer)
            {
                FullMode = BoundedChannelFullMode.DropOldest,
                SingleReader = true,
            },
            _ => Interlocked.Increment(ref _eventsDropped));
        var forwarder = system.SystemActorOf(Props.Create(() => new EventForwarder(channel.Writer)), $"api-events-{Guid.NewGuid():N}");
        Interlocked.Increment(ref _subscriptions);
        _eventBuffers.TryAdd(channel, 0);
        try
        {
            await foreach (var changed in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return ProcessDtoMapper.Event(changed);
            }
        }
        finally
        {
            Interlocked.Decrement(ref _subscriptions);
            _eventBuffers.TryRemove(channel, out _);
            system.Stop(forwarder);
        }
    }

    public Task<Dto.ActorNode> HierarchyAsync(int depth, CancellationToken cancellationToken)
    {
        var system = _system ?? throw new ApiException(503, "the actor system is not running", null);
        return Task.FromResult(ProcessDtoMapper.Actor(system.GetHierarchy(depth)));
    }

    public async Task<IReadOnlyList<Dto.BufferUsage>> BufferUsageAsync(CancellationToken cancellationToken)
    {
        var stats = await AskAsync<BufferStats>(GetBufferStats.Instance, QueryTimeout, cancellationToken).ConfigureAwait(false);
        return
        [
            new("logs", "write-queue-bytes", stats.LogQueuedBytes, stats.LogQueueCapacityBytes, stats.LogDroppedLines),
            new("logs", "ring-lines", stats.RingLines, stats.RingCapacity),
            new("logs", "captured-lines", stats.LogCapturedLines, 0),
            new("metrics", "history-samples", stats.MetricsSamples, stats.MetricsCapacity),
            new("journal", "write-queue", stats.JournalQueued, stats.JournalCapacity, stats.JournalFailed),
            new("events", "subscriptions", Volatile.Read(ref _subscriptions), 0),
            new("events", "subscriber-buffer", _eventBuffers.Keys.Select(c => c.Reader.Count).DefaultIfEmpty(0).Max(), _api.EventBuffer, Interlocked.Read(ref _eventsDropped)),
        ];
    }

    private static Config? Defaults(Config config) =>
        config.HasPath("pbm.process-defaults") ? config.GetConfig("pbm.process-defaults") : null;

    private async Task<T> AskAsync<T>(object message, TimeSpan timeout, CancellationToken cancellationToken)
    {
        object? reply;
        try
        {
            reply = await Supervisor.Ask<object?>(message, timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (AskTimeoutException)
        {
            throw new ApiException(504, "the process supervisor did not answer in time", $"{message.GetType().Name} took longer than {timeout.TotalSeconds:0} s; see the daemon log");
        }

        return reply switch
        {
            T typed => typed,
            ProcessNotFound notFound => throw ApiException.UnknownProcess(notFound.Name),
            InvalidProcessSpec invalid => throw new ApiException(400, "invalid process", invalid.ToString()),
            CommandFailed failed => throw new ApiException(409, failed.Reason, null),
            IProcessCommandError error => throw new ApiException(400, error.Message, null),
            _ => throw new InvalidOperationException($"unexpected reply {reply?.GetType().Name ?? "null"} to {message.GetType().Name}"),
        };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Declared processes from the configuration: {Added} added, {Changed} changed, {Unchanged} unchanged")]
    private static partial void LogDeclared(ILogger logger, int added, int changed, int unchanged);
}
