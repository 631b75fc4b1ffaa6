using ProcessManager.Actors.Processes.Protocol;

namespace ProcessManager.Actors.Usb.Rules;

/// <summary>What a rule acts on when a matching device comes or goes.</summary>
public abstract record UsbRuleTarget;

/// <summary>
/// An app of the configuration: one instance of it per matching device, declared as the app
/// <c>APP.DEVICE-ID</c> ("logger.1-1.2") from <paramref name="Template"/> with the device in its environment.
/// </summary>
public sealed record AppRuleTarget(ProcessSpec Template) : UsbRuleTarget;

/// <summary>
/// The seam for the plugin host (not built yet): device events routed to a plugin's workers. The rule parser refuses
/// this target with that reason, and the watcher has no route for it, so nothing pretends to deliver.
/// </summary>
public sealed record PluginRuleTarget(string Plugin) : UsbRuleTarget;
