namespace ProcessManager.Actors.Plugins.Manifests;

/// <summary>The events a plugin asks for (subscribe { usb, processes, schedule }).</summary>
/// <param name="Usb">USB rules; the USB watcher sends a matching device event as InvokePlugin(name, "usb", event).</param>
/// <param name="Processes">App names whose state changes are sent as InvokePlugin(name, "process", event); "*" = all.</param>
/// <param name="Schedule">Period of InvokePlugin(name, "tick", {}); null = none.</param>
public sealed record PluginSubscriptions(IReadOnlyList<UsbRule> Usb, IReadOnlyList<string> Processes, TimeSpan? Schedule)
{
    public static PluginSubscriptions None { get; } = new([], [], null);
}

/// <summary>Matches a USB device: every field that is set must match (hex ids as in lsusb; action add | remove | any).</summary>
public sealed record UsbRule(string? Vendor, string? Product, string? Serial, string Action);
