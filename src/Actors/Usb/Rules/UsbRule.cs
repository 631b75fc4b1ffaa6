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
    /// <summary>Stop the device's instance and remove its per-device app (its history stays in the journal).</summary>
    Stop,

    /// <summary>Leave it running.</summary>
    Ignore,
}

/// <summary>One app's binding to USB devices: <c>usb { match { ... }, on-attach = start, on-detach = stop }</c>.</summary>
/// <param name="App">The app that declares it.</param>
/// <param name="Origin">Where it was declared ("apps.conf:12").</param>
public sealed record UsbRule(string App, UsbMatch Match, UsbAttachAction OnAttach, UsbDetachAction OnDetach, UsbRuleTarget Target, string? Origin = null);
