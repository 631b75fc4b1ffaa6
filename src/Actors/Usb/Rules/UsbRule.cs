namespace ProcessManager.Actors.Usb.Rules;

/// <summary>What to do when a device comes.</summary>
public enum UsbAttachAction
{
    /// <summary>Start an instance for the device.</summary>
    Start,

    /// <summary>Do nothing (the rule only stops).</summary>
    Ignore,
}

/// <summary>What to do when a device goes.</summary>
public enum UsbDetachAction
{
    /// <summary>Stop the device's instance; its per-device app stays declared (stopped), so the device's return only starts it.</summary>
    Stop,

    /// <summary>Leave it running.</summary>
    Ignore,
}

/// <summary>One app's binding to USB devices: <c>usb { match { ... }, on-attach = start, on-detach = stop, plugin = NAME }</c>.</summary>
/// <param name="App">The app that declares it.</param>
/// <param name="Origin">Where it was declared ("apps.conf:12").</param>
public sealed record UsbRule(string App, UsbMatch Match, UsbAttachAction OnAttach, UsbDetachAction OnDetach, UsbRuleTarget Target, string? Origin = null)
{
    /// <summary>The plugin that gets the events of matching devices (besides the program, if the rule has one), or null.</summary>
    public string? Plugin { get; init; }

    /// <summary>
    /// Where the rule comes from: the file a `pbm apply` read it from (its full path), or null for the daemon's
    /// configuration files. An apply of a file replaces the rules of that file.
    /// </summary>
    public string? Source { get; init; }

    /// <summary>The plugin to notify: <see cref="Plugin"/>, or the target of a rule that only routes to a plugin.</summary>
    public string? PluginName => Plugin ?? (Target as PluginRuleTarget)?.Plugin;
}
