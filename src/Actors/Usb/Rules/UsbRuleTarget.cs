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
/// A rule without a program: the events of matching devices only go to the plugin's workers
/// (<c>InvokePlugin(plugin, "usb", request)</c> to the plugin host); see <see cref="UsbRule.Plugin"/> for a rule that
/// starts a program and notifies a plugin.
/// </summary>
public sealed record PluginRuleTarget(string Plugin) : UsbRuleTarget;
