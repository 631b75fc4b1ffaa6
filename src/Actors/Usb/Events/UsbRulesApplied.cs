using ProcessManager.Actors.Processes.Protocol;
using ProcessManager.Actors.Usb.Rules;

namespace ProcessManager.Actors.Usb.Events;

/// <summary>
/// The USB rules a `pbm apply` of <paramref name="Source"/> (the file's full path) put in force, persisted by the
/// watcher so that they hold after a restart of the daemon as the apps that apply declared do. The configuration
/// files' own rules are read from them at every start and are not persisted.
/// </summary>
public sealed record UsbRulesApplied(string Source, IReadOnlyList<StoredUsbRule> Rules);

/// <summary>A <see cref="UsbRule"/> as the journal holds it: the program's template, or only the plugin.</summary>
public sealed record StoredUsbRule(
    string App, UsbMatch Match, UsbAttachAction OnAttach, UsbDetachAction OnDetach, ProcessSpec? Template, string? Plugin, string? Origin)
{
    public static StoredUsbRule From(UsbRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return new(rule.App, rule.Match, rule.OnAttach, rule.OnDetach, (rule.Target as AppRuleTarget)?.Template, rule.PluginName, rule.Origin);
    }

    public UsbRule ToRule(string source) => Template is { } template
        ? new UsbRule(App, Match, OnAttach, OnDetach, new AppRuleTarget(template), Origin) { Plugin = Plugin, Source = source }
        : new UsbRule(App, Match, OnAttach, OnDetach, new PluginRuleTarget(Plugin ?? string.Empty), Origin) { Source = source };
}
