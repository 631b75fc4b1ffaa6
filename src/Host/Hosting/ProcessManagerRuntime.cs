using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ProcessManager.Actors.Plugins.History;
using ProcessManager.Actors.Plugins.Host;
using ProcessManager.Actors.Processes;
using ProcessManager.Actors.Processes.Events;
using ProcessManager.Actors.Processes.Protocol;
using ProcessManager.Actors.Usb;
using ProcessManager.Actors.Usb.Events;
using ProcessManager.Actors.Usb.Protocol;
using ProcessManager.Actors.Usb.Rules;
using ProcessManager.Host.Api;
using ProcessManager.Host.Backend;
using ProcessManager.Host.Cluster;
using ProcessManager.Host.Observability;
using ProcessManager.Host.Palettes;
using ProcessManager.Host.Stats;
using ProcessManager.Persistence.Hosting;

namespace ProcessManager.Host.Hosting;

/// <summary>
/// One process manager inside one actor system: takes the PBM_HOME lock and reads the configuration before the
/// actor system exists, adds its configuration, persistence, serializer and supervisor to the Akka.Hosting builder,
/// then (a startup task) declares the configured apps and opens the API. Coordinated shutdown closes the API in its
/// service-unbind phase and stops the programs in service-stop; the lock is released when the system has terminated.
/// </summary>
internal sealed partial class ProcessManagerRuntime : IAsyncDisposable
{
    private readonly ProcessManagerOptions _options;
    private readonly PaletteRegistry _palettes;
    private readonly IServiceProvider _services;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private ProcessManagerSetup? _setup;
    private DaemonLock? _lock;
    private ApiServer? _server;
    private ClusterTls? _clusterTls;
    private ObservabilityServices? _observability;

    /// <summary>Opened once the API answers (or the start failed): programs are spawned only then.</summary>
    private readonly TaskCompletionSource _spawnGate = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ProcessManagerRuntime(ProcessManagerBuilder builder, IServiceProvider services)
    {
        _options = builder.Options;
        _palettes = new PaletteRegistry(builder.Palettes);
        _services = services;
        _loggerFactory = services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance;
        _logger = _loggerFactory.CreateLogger("ProcessManager");
        Readiness = services.GetService<ProcessManagerReadiness>() ?? new ProcessManagerReadiness();
    }

    public ProcessManagerReadiness Readiness { get; }

    /// <summary>Metrics, health and dashboard while the API runs; null before and after.</summary>
    public ObservabilityServices? Observability => _observability;

    /// <summary>The setup, read once (configuration errors are thrown, naming file and line).</summary>
    public ProcessManagerSetup Setup
    {
        get
        {
            lock (_gate)
            {
                return _setup ??= ProcessManagerSetup.Load(_options);
            }
        }
    }

    /// <summary>Creates PBM_HOME, takes its lock and reads the setup; idempotent. Fails the readiness on error.</summary>
    /// <exception cref="DaemonAlreadyRunningException">Another daemon holds the PBM_HOME lock.</exception>
    public void Prepare()
    {
        try
        {
            lock (_gate)
            {
                if (_lock is not null)
                {
                    return;
                }

                var home = _options.PbmHome ??= PbmHome.Resolve();
                PbmHome.Ensure(home);
                _lock = DaemonLock.Acquire(Path.Combine(home, "pbmd.lock"));
            }

            _ = Setup;
            StartupTimeline.Mark(StartupStage.Prepared);
            foreach (var warning in _options.ConfigurationWarnings)
            {
                LogConfigWarning(_logger, warning);
            }
        }
        catch (Exception error)
        {
            Readiness.SetFailed(error);
            ReleaseLock();
            throw;
        }
    }

    /// <summary>Adds the process manager to the actor system being configured.</summary>
    public void Configure(AkkaConfigurationBuilder akka)
    {
        Prepare();
        var setup = Setup;

        // The service-stop phase outlasts the longest stop timeout; the rest of akka.* is the configuration's, under
        // whatever the application set itself (Append: an embedding application's own settings win).
        akka.AddHocon(ProcessManagerAkkaConfig.ServiceStopTimeout(setup).WithFallback(AkkaHocon.From(setup.Config)), HoconAddMode.Append)
            .WithProcessManagerPersistence(setup.Persistence)
            .WithCustomSerializer("pbm-process-events", ProcessEventSerializer.Types, system => new ProcessEventSerializer(system))
            .WithActors((system, registry) =>
            {
                StartupTimeline.Mark(StartupStage.ActorSystem);
                registry.Register<ProcessSupervisorKey>(system.StartProcessSupervisor(setup.Supervisor with { SpawnGate = _spawnGate.Task }));
            })
            .WithCustomSerializer(UsbEventSerializer.Name, UsbEventSerializer.Types, system => new UsbEventSerializer(system))
            .WithActors((system, registry) => StartUsbWatcher(system, registry, setup))
            .WithCustomSerializer("pbm-plugin-history", PluginHistorySerializer.Types, system => new PluginHistorySerializer(system))
            .WithActors((system, registry) => registry.Register<PluginHostKey>(system.ActorOf(
                PluginHost.Props(setup.Plugins, system.ActorOf(PluginHistoryActor.Props(setup.Plugins), PluginHistoryActor.ActorName)),
                PluginHost.ActorName)))
            .WithActors((_, registry) => ConnectUsbToPlugins(registry))
            .AddStartup(StartAsync);
        if (setup.Cluster.Enabled)
        {
            ConfigureCluster(akka, setup.Cluster);
        }
    }

    /// <summary>Joins the fleet: remoting over TLS, cluster membership, and the actors other nodes talk to.</summary>
    private void ConfigureCluster(AkkaConfigurationBuilder akka, ClusterSettings cluster)
    {
        _clusterTls ??= ClusterTls.Load(cluster);
        akka.WithFleet(cluster, _clusterTls, NodeDirectory.Version)
            .WithActors((system, registry) =>
            {
                var supervisor = registry.Get<ProcessSupervisorKey>();
                system.ActorOf(Actors.Cluster.NodeInfoActor.Props(cluster.NodeName, NodeDirectory.Version, supervisor, cluster.AskTimeout), Actors.Cluster.NodeInfoActor.Name);
                system.ActorOf(Props.Create(() => new FleetEventPublisher(cluster.NodeName)), FleetEventPublisher.Name);
                system.ActorOf(Actors.Cluster.LogFollowServer.Props(supervisor, cluster.AskTimeout, RemoteLogFollow.BatchLines), Actors.Cluster.LogFollowServer.Name);
                system.ActorOf(Props.Create(() => new QuarantineGuard()), QuarantineGuard.Name);
            });
    }

    /// <summary>/user/usb, after the supervisor it sends its rules' commands to; not started when pbm.usb.enabled = false.</summary>
    private void StartUsbWatcher(ActorSystem system, IActorRegistry registry, ProcessManagerSetup setup)
    {
        if (!setup.Usb.Enabled)
        {
            LogUsbDisabled(_logger);
            return;
        }

        var supervisor = registry.Get<ProcessSupervisorKey>();
        registry.Register<UsbWatcherKey>(system.ActorOf(UsbWatcher.Props(setup.Usb, setup.UsbRules, supervisor), UsbWatcher.ActorName));
    }

    /// <summary>USB rules with a plugin send their device events to the plugin host (started after the watcher).</summary>
    private static void ConnectUsbToPlugins(IActorRegistry registry)
    {
        if (registry.TryGet<UsbWatcherKey>(out var watcher) && registry.TryGet<PluginHostKey>(out var plugins))
        {
            watcher.Tell(new UsePluginHost(plugins));
        }
    }

    private async Task StartAsync(ActorSystem system, IActorRegistry registry)
    {
        try
        {
            StartupTimeline.Mark(StartupStage.ActorsStarted);
            _ = system.WhenTerminated.ContinueWith(_ => ReleaseLock(), TaskScheduler.Default);
            var setup = Setup;
            var supervisor = await registry.GetAsync<ProcessSupervisorKey>().ConfigureAwait(false);
            var backend = _services.GetService<IProcessBackend>() ?? new ActorProcessBackend(system, supervisor, setup);
            var fleet = setup.Cluster.Enabled ? new NodeDirectory(system, setup.Cluster, supervisor) : null;
            if (fleet is not null)
            {
                backend = NodeRoutingBackend.Create(backend, fleet, system, setup);
            }

            // The API opens while the journal is recovered and the configured apps are declared, and answers before any
            // program is spawned (the spawn gate opens once it does). The declaration is in the supervisor's mailbox
            // before any request: whoever gets an answer sees the configured apps.
            var declared = DeclareConfiguredAppsAsync(supervisor, setup);
            var registered = supervisor.Ask<object>(ListProcesses.Instance, setup.Api.CommandTimeout + ActorProcessBackend.CommandTimeoutMargin);

            var settings = setup.Api;
            var socketPath = settings.UnixSocketPath ?? Path.Combine(setup.Home, "pbm.sock");
            var tokens = new TokenStore(settings.TokenFile ?? Path.Combine(setup.Home, "api.token"), enabled: settings.TcpEnabled);
            var counters = new ApiCounters(settings.MaxConcurrentStreams, settings.LatencySamples);
            if (settings.UnixSocketEnabled)
            {
                SocketDirectory.Secure(socketPath, setup.Home, settings.UnixSocketMode, _logger);
            }

            var lifetime = _services.GetRequiredService<IHostApplicationLifetime>();
            var api = new ApiContext(settings, setup.Home, socketPath, backend, _palettes, tokens, counters, _services, lifetime, _logger) { Fleet = fleet };
            api.Observability = _observability = new ObservabilityServices(setup.Observability, api, system, _logger);
            if (fleet is not null)
            {
                system.ActorOf(ApiForwardServer.Props(settings.UnixSocketEnabled ? socketPath : null, setup.Cluster.MaxMessageBytes), ApiForwardServer.Name);
            }

            _server = new ApiServer(api, _loggerFactory);
            await _server.StartAsync(CancellationToken.None).ConfigureAwait(false);
            StartupTimeline.Mark(StartupStage.ApiListening);
            _observability.Start();
            CoordinatedShutdown.Get(system).AddTask(CoordinatedShutdown.PhaseServiceUnbind, "stop-api", StopApiAsync);
            if (fleet is not null)
            {
                ClusterAkkaSetup.JoinWhenReady(system, setup.Cluster);
            }

            // Recovered, and the configured apps recorded (the list is answered after the registration is durable).
            _ = await registered.ConfigureAwait(false);
            StartupTimeline.Mark(StartupStage.Recovered);
            if (declared.IsCompleted)
            {
                // Refused at once (an invalid spec, a journal that refused the registration): the start fails.
                await declared.ConfigureAwait(false);
            }

            StartupTimeline.Mark(StartupStage.Ready);
            LogReady(_logger, socketPath, api.TcpEndpoint ?? "off", Environment.ProcessId);
            Readiness.SetReady(new ReadyInfo(setup.Home, socketPath, api.TcpEndpoint, tokens.TokenFile));
            _spawnGate.TrySetResult();
            if (fleet is not null)
            {
                // After the gate: deleting a recovered copy stops its program, which waits for the spawn gate.
                _ = PlaceSingletonsAsync(system, supervisor, setup).ContinueWith(
                    task => LogSingletonPlacementFailed(_logger, task.Exception!.GetBaseException().Message),
                    CancellationToken.None,
                    TaskContinuationOptions.OnlyOnFaulted,
                    TaskScheduler.Default);
            }

            _ = declared.ContinueWith(
                task => LogDeclarationFailed(_logger, task.Exception!.GetBaseException().Message),
                CancellationToken.None,
                TaskContinuationOptions.OnlyOnFaulted,
                TaskScheduler.Default);

            // Start-up leaves garbage (Akka's and our configuration trees, parsing and JIT temporaries) that the GC would
            // keep committed for a long time in a daemon that then sits idle: one compacting collection gives it back.
            _ = Task.Run(static () => GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true));
        }
        catch (Exception error)
        {
            Readiness.SetFailed(error);
            _spawnGate.TrySetResult();
            await StopApiAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Each singleton app gets a ClusterSingletonManager, which runs it on the oldest node (with its role). A copy
    /// recovered from this node's journal (the daemon was killed while it held the singleton) is deleted first: only
    /// the singleton decides where the app runs.
    /// </summary>
    private static async Task PlaceSingletonsAsync(ActorSystem system, IActorRef supervisor, ProcessManagerSetup setup)
    {
        if (setup.Singletons.Count == 0)
        {
            return;
        }

        system.Settings.InjectTopLevelFallback(Akka.Cluster.Tools.Singleton.ClusterSingleton.DefaultConfig());
        var timeout = setup.Api.CommandTimeout + ActorProcessBackend.CommandTimeoutMargin;
        foreach (var spec in setup.Singletons)
        {
            _ = await supervisor.Ask<object>(new DeleteProcess(spec.Name), timeout).ConfigureAwait(false);
            var settings = Akka.Cluster.Tools.Singleton.ClusterSingletonManagerSettings.Create(system).WithSingletonName("app");
            if (spec.PlacementRole is { } role)
            {
                settings = settings.WithRole(role);
            }

            system.ActorOf(
                Akka.Cluster.Tools.Singleton.ClusterSingletonManager.Props(SingletonApp.Props(spec, supervisor), PoisonPill.Instance, settings),
                "singleton-" + spec.Name);
        }
    }

    /// <summary>The apps of the configuration files are declared at start; apps declared otherwise are kept.</summary>
    private async Task DeclareConfiguredAppsAsync(IActorRef supervisor, ProcessManagerSetup setup)
    {
        // The templates of the configuration's USB rules: per-device apps of a rule the files no longer have go.
        IReadOnlyList<ProcessSpec> templates = [.. setup.UsbRules.Select(rule => rule.Target).OfType<AppRuleTarget>().Select(target => target.Template)];
        var timeout = setup.Api.CommandTimeout + ActorProcessBackend.CommandTimeoutMargin;
        var reply = await supervisor.Ask<object>(new ApplyConfig(setup.Declared, RemoveMissing: false, Templates: templates), timeout).ConfigureAwait(false);
        switch (reply)
        {
            case ApplyResult result:
                LogDeclared(_logger, result.Added.Count, result.Changed.Count, result.Unchanged.Count);
                break;
            case IProcessCommandError error:
                throw new InvalidOperationException("declaring the configured processes failed: " + error.Message);
        }
    }

    private async Task<Akka.Done> StopApiAsync()
    {
        if (Interlocked.Exchange(ref _server, null) is { } server)
        {
            await server.StopAsync(CancellationToken.None).ConfigureAwait(false);
            await server.DisposeAsync().ConfigureAwait(false);
        }

        if (Interlocked.Exchange(ref _observability, null) is { } observability)
        {
            await observability.DisposeAsync().ConfigureAwait(false);
        }

        return Akka.Done.Instance;
    }

    /// <summary>The host disposes what it created: the API (if coordinated shutdown did not close it) and the lock.</summary>
    public async ValueTask DisposeAsync()
    {
        _spawnGate.TrySetResult();
        await StopApiAsync().ConfigureAwait(false);
        ReleaseLock();
        _clusterTls?.Dispose();
    }

    public void ReleaseLock()
    {
        lock (_gate)
        {
            _lock?.Dispose();
            _lock = null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The USB watcher is off (pbm.usb.enabled = false)")]
    private static partial void LogUsbDisabled(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Configuration: {Warning}")]
    private static partial void LogConfigWarning(ILogger logger, string warning);

    [LoggerMessage(Level = LogLevel.Error, Message = "Placing the singleton apps failed: {Reason}")]
    private static partial void LogSingletonPlacementFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "pbmd ready: unix socket {Socket}, tcp {Tcp}, pid {Pid}")]
    private static partial void LogReady(ILogger logger, string socket, string tcp, int pid);

    [LoggerMessage(Level = LogLevel.Error, Message = "Declaring the processes of the configuration failed after the daemon was ready: {Reason}")]
    private static partial void LogDeclarationFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Declared processes from the configuration: {Added} added, {Changed} changed, {Unchanged} unchanged")]
    private static partial void LogDeclared(ILogger logger, int added, int changed, int unchanged);
}
