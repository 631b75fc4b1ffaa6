using ProcessManager.Actors.Os;
using ProcessManager.Actors.Processes;
using ProcessManager.Actors.Processes.Configuration;
using ProcessManager.Actors.Processes.Protocol;
using ProcessManager.Actors.Usb;
using ProcessManager.Actors.Usb.Rules;
using ProcessManager.Configuration;
using ProcessManager.Hocon;
using ProcessManager.Host.Api;
using ProcessManager.Host.Backend;
using ProcessManager.Host.Cluster;
using ProcessManager.Host.Observability;
using ProcessManager.Persistence.Configuration;

namespace ProcessManager.Host.Hosting;

/// <summary>
/// Everything the process manager derives from its configuration before its actors start; a configuration error
/// surfaces here, naming file and line, and nothing starts.
/// </summary>
/// <param name="Home">The state folder (PBM_HOME).</param>
/// <param name="Config">The resolved configuration (pbm.* and akka.*).</param>
/// <param name="Api">The API's settings.</param>
/// <param name="Persistence">The journal and snapshot store.</param>
/// <param name="Supervisor">Process supervision's settings.</param>
/// <param name="Declared">The apps the configuration declares, started at start-up (others are not removed).</param>
/// <param name="Shutdown">The coordinated-shutdown timeouts that fit the stop timeouts.</param>
internal sealed record ProcessManagerSetup(
    string Home,
    Config Config,
    ApiSettings Api,
    PbmPersistenceSettings Persistence,
    ProcessSupervisorSettings Supervisor,
    IReadOnlyList<ProcessSpec> Declared,
    ShutdownPlan Shutdown)
{
    /// <summary>The fleet (<c>pbm.cluster</c>); off unless enabled.</summary>
    public ClusterSettings Cluster { get; init; } = new();

    /// <summary>In a cluster, the apps of the configuration with <c>placement = singleton</c> (not in <see cref="Declared"/>).</summary>
    public IReadOnlyList<ProcessSpec> Singletons { get; init; } = [];

    /// <summary>The USB watcher's settings (pbm.usb).</summary>
    public UsbWatcherSettings Usb { get; init; } = UsbWatcherSettings.Default;

    /// <summary>The apps bound to USB devices (a usb block): not declared themselves, started per matching device.</summary>
    public IReadOnlyList<UsbRule> UsbRules { get; init; } = [];
    /// <summary>The plugin host's settings (pbm.plugins).</summary>
    public ProcessManager.Actors.Plugins.PluginHostSettings Plugins { get; init; } = ProcessManager.Actors.Plugins.PluginHostSettings.Default;
    /// <summary>Metrics, health and dashboard (<c>pbm.observability</c>).</summary>
    public ObservabilitySettings Observability { get; init; } = new();

    /// <summary>Reads the setup of <paramref name="options"/>, loading the configuration files when none is given.</summary>
    /// <exception cref="ConfigurationException">A file cannot be read or parsed, or a value is out of range.</exception>
    /// <exception cref="ProcessSpecException">A declared app is invalid.</exception>
    public static ProcessManagerSetup Load(ProcessManagerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var home = options.PbmHome ??= PbmHome.Resolve();
        if (options.Configuration is null)
        {
            var (loaded, warnings) = DaemonConfiguration.Load(home, options.ConfigFile);
            options.Configuration = loaded;
            options.ConfigurationWarnings = warnings;
        }

        var config = options.Configuration;

        // An embedding application may pass a configuration that did not go through the loader's check.
        PbmConfigValidator.RequireTopLevelProcesses(config);
        var api = options.Api ??= ApiSettingsReader.Read(config);
        api.Validate();
        var persistence = PersistenceSettingsReader.Read(config, home);
        var defaults = ProcessDefaults(config);
        var (declared, usbRules) = config.HasPath(PbmConfigValidator.ProcessesPath)
            ? UsbRuleParser.Parse(config.GetConfig(PbmConfigValidator.ProcessesPath), defaults)
            : ([], []);
        var usbTemplates = usbRules.Select(rule => rule.Target).OfType<AppRuleTarget>().Select(target => target.Template);
        var shutdown = ShutdownPlan.From(config, ShutdownPlan.StopTimeouts(AdHocTemplate("defaults", defaults), declared.Concat(usbTemplates)));
        var supervisor = ProcessSupervisorSettings.Default with
        {
            LogDirectory = Path.Combine(home, "logs"),
            ReadJournalId = PersistencePlugins.ReadJournalId(persistence),
            SnapshotEvery = persistence.Retention.SnapshotEvery,
            RetainedEvents = persistence.Retention.MaxEventsPerProcess,
            MaxStopTimeout = shutdown.MaxStopTimeout,
            OutputCapture = OutputCaptureSettingsReader.Read(config, home),
            ProgramTag = ProgramTag.ForHome(home),
        };
        var cluster = ClusterSettingsReader.Read(config, ProcessManagerServiceCollectionExtensions.ActorSystemName);
        IReadOnlyList<ProcessSpec> singletons = [];
        if (cluster.Enabled)
        {
            // In a cluster, a node declares its every-node apps (those its roles admit); singletons are placed apart.
            singletons = declared.Where(spec => spec.Placement == AppPlacement.Singleton).ToList();
            declared = declared.Where(spec => spec.Placement == AppPlacement.EveryNode && (spec.PlacementRole is null || cluster.Roles.Contains(spec.PlacementRole))).ToList();
        }

        var observability = options.Observability ??= ObservabilitySettingsReader.Read(config);
        observability.Validate();
        supervisor = supervisor with { IdleMetricsInterval = observability.IdleSampleInterval };
        return new ProcessManagerSetup(home, config, api, persistence, supervisor, declared, shutdown)
        {
            Usb = UsbSettingsReader.Read(config, persistence.Retention.SnapshotEvery),
            UsbRules = usbRules,
            Plugins = PluginSettingsReader.Read(config, home),
            Observability = observability,
            Cluster = cluster,
            Singletons = singletons,
        };
    }

    /// <summary><c>pbm.process-defaults</c>, which every app starts from.</summary>
    public static Config? ProcessDefaults(Config config) =>
        config.HasPath("pbm.process-defaults") ? config.GetConfig("pbm.process-defaults") : null;

    /// <summary>An app named <paramref name="name"/> with nothing but the defaults, for a program started by hand.</summary>
    /// <exception cref="ProcessSpecException">The defaults themselves are invalid.</exception>
    public static ProcessSpec AdHocTemplate(string name, Config? defaults)
    {
        var template = ConfigurationFactory.ParseString("command = [\"ad-hoc\"]", HoconParseOptions.Default with { OriginDescription = "pbm process start" });
        return ProcessSpecParser.ParseApp(name, template, defaults);
    }
}
