using Akka.Actor;
using Akka.Event;
using ProcessManager.Actors.Plugins.Manifests;
using ProcessManager.Actors.Plugins.Messages;
using ProcessManager.Actors.Processes.Protocol;
using ProcessManager.Actors.Usb.Events;

namespace ProcessManager.Actors.Plugins.Subscriptions;

/// <summary>
/// /user/plugins/NAME/subscriptions: delivers what the manifest's <c>subscribe</c> block asks for to its plugin, as
/// ordinary requests through the pool (so its queue bound, timeouts and history apply): <c>process</c> for a state
/// change of a subscribed app, <c>usb</c> for a device event matching a rule, <c>tick</c> on the schedule. A request
/// that fails is counted and logged (the first few, then every 100th); it never stops the plugin or the sender.
/// </summary>
internal sealed class PluginSubscriber : ReceiveActor, IWithTimers
{
    private const string TickTimer = "tick";
    private const int LoggedFailures = 5;

    private readonly IActorRef _plugin;
    private readonly ILoggingAdapter _logger = Context.GetLogger();
    private PluginManifest _manifest;
    private long _delivered;
    private long _failed;

    public PluginSubscriber(PluginManifest manifest, IActorRef plugin)
    {
        _manifest = manifest;
        _plugin = plugin;
        Receive<ProcessStateChanged>(OnProcessChanged);
        Receive<UsbDeviceEvent>(OnUsbEvent);
        Receive<Tick>(_ => Deliver("tick", SubscriptionJson.Tick(DateTimeOffset.UtcNow)));
        Receive<PluginManifest>(Subscribe);
        Receive<PluginInvoked>(_ => _delivered++);
        Receive<PluginInvocationFailed>(OnFailed);
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(PluginManifest manifest, IActorRef plugin) =>
        Akka.Actor.Props.Create(() => new PluginSubscriber(manifest, plugin));

    protected override void PreStart() => Subscribe(_manifest);

    protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);

    /// <summary>(Re)subscribes to what <paramref name="manifest"/> asks for; a reloaded manifest replaces the old set.</summary>
    private void Subscribe(PluginManifest manifest)
    {
        _manifest = manifest;
        var subscriptions = manifest.Subscriptions;
        var stream = Context.System.EventStream;
        stream.Unsubscribe(Self);
        if (subscriptions.Processes.Count > 0)
        {
            stream.Subscribe(Self, typeof(ProcessStateChanged));
        }

        if (subscriptions.Usb.Count > 0)
        {
            stream.Subscribe(Self, typeof(UsbDeviceEvent));
        }

        if (subscriptions.Schedule is { } period)
        {
            Timers.StartPeriodicTimer(TickTimer, Tick.Instance, period);
        }
        else
        {
            Timers.Cancel(TickTimer);
        }
    }

    private void OnProcessChanged(ProcessStateChanged changed)
    {
        var names = _manifest.Subscriptions.Processes;
        if (names.Contains("*") || names.Contains(changed.Status.Name))
        {
            Deliver("process", SubscriptionJson.Process(changed));
        }
    }

    private void OnUsbEvent(UsbDeviceEvent change)
    {
        if (_manifest.Subscriptions.Usb.Any(rule => UsbRuleMatch.Matches(rule, change)))
        {
            Deliver("usb", SubscriptionJson.Usb(change));
        }
    }

    private void Deliver(string method, string paramsJson) =>
        _plugin.Tell(new InvokePlugin(_manifest.Name, method, paramsJson), Self);

    private void OnFailed(PluginInvocationFailed failed)
    {
        var count = ++_failed;
        if (count <= LoggedFailures || count % 100 == 0)
        {
            _logger.Warning("Plugin {0}: the {1} event it subscribes to was not handled ({2}: {3}); {4} such failures since start, {5} delivered", failed.Name, failed.Method, failed.Code, failed.Message, count, _delivered);
        }
    }

    private sealed record Tick
    {
        public static Tick Instance { get; } = new();
    }
}
