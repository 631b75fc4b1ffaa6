namespace ProcessManager.Actors.Usb.Netlink;

/// <summary>One kernel uevent: "ACTION@DEVPATH" followed by its KEY=VALUE properties.</summary>
/// <param name="Action">add, remove, change, move, online, offline, bind or unbind.</param>
/// <param name="DevPath">The device's path under sysfs ("/devices/virtual/mem/null").</param>
/// <param name="Properties">The KEY=VALUE pairs (ACTION, DEVPATH, SUBSYSTEM, SEQNUM, ...).</param>
public sealed record Uevent(string Action, string DevPath, IReadOnlyDictionary<string, string> Properties)
{
    /// <summary>SUBSYSTEM ("usb", "mem"), or "" when absent.</summary>
    public string Subsystem => Property("SUBSYSTEM") ?? "";

    /// <summary>DEVTYPE ("usb_device", "usb_interface"), or null.</summary>
    public string? DevType => Property("DEVTYPE");

    /// <summary>The kernel's name of the device: the last segment of <see cref="DevPath"/>.</summary>
    public string KernelName => DevPath[(DevPath.LastIndexOf('/') + 1)..];

    public string? Property(string key) => Properties.TryGetValue(key, out var value) ? value : null;
}
