using Microsoft.Extensions.Logging;

namespace ProcessManager.Kernel;

/// <summary>
/// A hierarchy of actors under the root: <c>/user</c> (actors created with <see cref="ActorOf"/>)
/// and <c>/system</c> (kernel and infrastructure actors). Thread-safe.
/// </summary>
public sealed partial class ActorSystem : IActorRefFactory, IAsyncDisposable, IDisposable
{
    private readonly TaskCompletionSource _terminated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _userGuardianStopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ILogger _kernelLogger;
    private readonly LocalActorRef _userGuardian;
    private readonly LocalActorRef _systemGuardian;
    private readonly RootActorRef _root;
    private readonly CoordinatedShutdown _coordinatedShutdown;

    private ActorSystem(string name, ActorSystemSettings settings)
    {
        Name = name;
        Settings = settings;
        LoggerFactory = settings.LoggerFactory;
        TimeProvider = settings.TimeProvider;
        _kernelLogger = LoggerFactory.CreateLogger("ProcessManager.Kernel");
        EventStream = new EventStream();
        Scheduler = new Scheduler(TimeProvider);
        var rootPath = ActorPath.CreateRoot(name);
        RootPath = rootPath;
        TempPath = rootPath / "temp";
        DeadLetterRef = new DeadLetterActorRef(this, rootPath / "deadLetters");
        _root = new RootActorRef(this, rootPath);
        _userGuardian = CreateGuardian(rootPath / "user");
        _systemGuardian = CreateGuardian(rootPath / "system");
        _coordinatedShutdown = new CoordinatedShutdown(this);
    }

    public string Name { get; }

    public ActorSystemSettings Settings { get; }

    public EventStream EventStream { get; }

    /// <summary>Receives undeliverable messages; publishes <see cref="DeadLetter"/>.</summary>
    public IActorRef DeadLetters => DeadLetterRef;

    public IScheduler Scheduler { get; }

    public ILoggerFactory LoggerFactory { get; }

    public TimeProvider TimeProvider { get; }

    public CoordinatedShutdown CoordinatedShutdown => _coordinatedShutdown;

    /// <summary>Completes when every actor has stopped after <see cref="Terminate"/>.</summary>
    public Task WhenTerminated => _terminated.Task;

    /// <summary>Parent of all actors created with <see cref="ActorOf"/>.</summary>
    public IActorRef UserGuardian => _userGuardian;

    public IActorRef SystemGuardian => _systemGuardian;

    internal DeadLetterActorRef DeadLetterRef { get; }

    internal ActorPath RootPath { get; }

    internal ActorPath TempPath { get; }

    internal ActorCell UserGuardianCell => _userGuardian.Cell;

    internal ActorCell SystemGuardianCell => _systemGuardian.Cell;

    /// <summary>Creates and starts a system. Settings are validated here.</summary>
    public static ActorSystem Create(string name, ActorSystemSettings? settings = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (name.Contains('/', StringComparison.Ordinal))
        {
            throw new ArgumentException($"Actor system name '{name}' must not contain '/'.", nameof(name));
        }

        settings ??= ActorSystemSettings.Default;
        settings.Validate();
        var system = new ActorSystem(name, settings);
        if (settings.RunCoordinatedShutdownOnSigTerm)
        {
            system.CoordinatedShutdown.RegisterSigTermHandler();
        }

        return system;
    }

    private LocalActorRef CreateGuardian(ActorPath path)
    {
        var guardianRef = new LocalActorRef(path);
        var mailbox = new Mailbox(Settings.Throughput);
        var cell = new ActorCell(this, guardianRef, Props.Create<GuardianActor>(), _root, mailbox);
        guardianRef.Cell = cell;
        mailbox.SetInvoker(cell);
        mailbox.PostSystem(new Create());
        return guardianRef;
    }

    /// <summary>Creates a top-level actor under /user.</summary>
    public IActorRef ActorOf(Props props, string? name = null) => _userGuardian.Cell.ActorOf(props, name);

    /// <summary>Creates an infrastructure actor under /system.</summary>
    public IActorRef SystemActorOf(Props props, string? name = null) => _systemGuardian.Cell.ActorOf(props, name);

    /// <summary>Stops any actor of this system asynchronously.</summary>
    public void Stop(IActorRef actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor is LocalActorRef local && local.Cell.ParentRef is LocalActorRef parent)
        {
            parent.Cell.Stop(actor);
        }
        else if (actor is IInternalActorRef target)
        {
            target.SendSystemMessage(new Terminate());
        }
    }

    /// <summary>Runs coordinated shutdown (which stops all actors) and completes with <see cref="WhenTerminated"/>.</summary>
    public Task Terminate() => _coordinatedShutdown.Run(ShutdownReason.ActorSystemTerminate);

    /// <summary>The final shutdown step: stop /user, then /system.</summary>
    internal async Task StopGuardiansAsync()
    {
        _userGuardian.SendSystemMessage(new Terminate());
        await _userGuardianStopped.Task.ConfigureAwait(false);
        _systemGuardian.SendSystemMessage(new Terminate());
        await _terminated.Task.ConfigureAwait(false);
    }

    internal void OnGuardianTerminated(IActorRef guardian)
    {
        if (ReferenceEquals(guardian, _userGuardian))
        {
            _userGuardianStopped.TrySetResult();
            if (!_coordinatedShutdown.IsRunning)
            {
                // Like a crashed /user guardian: the whole system goes down.
                _ = Terminate();
            }
        }
        else if (ReferenceEquals(guardian, _systemGuardian))
        {
            _terminated.TrySetResult();
        }
    }

    /// <summary>Immutable view of the live hierarchy (children sorted by name); safe from any thread.</summary>
    public ActorHierarchyNode GetHierarchy(int? maxDepth = null) => HierarchySnapshot.Take(this, maxDepth);

    internal void Log(LogLevel level, Exception? cause, string source, Type? logClass, string message)
    {
        if (_kernelLogger.IsEnabled(level))
        {
            KernelLog(_kernelLogger, level, cause, source, message);
        }

        if (level >= Settings.EventStreamLogLevel && level != LogLevel.None)
        {
            EventStream.Publish(new LogEvent(level, source, logClass, message, cause));
        }
    }

    [LoggerMessage(Message = "[{Source}] {Text}")]
    private static partial void KernelLog(ILogger logger, LogLevel level, Exception? cause, string source, string text);

    internal void LogError(Exception? cause, string source, Type? logClass, string message) => Log(LogLevel.Error, cause, source, logClass, message);

    public override string ToString() => $"ActorSystem[{Name}]";

    public async ValueTask DisposeAsync()
    {
        await Terminate().ConfigureAwait(false);
    }

    public void Dispose() => Terminate().GetAwaiter().GetResult();
}
