namespace ProcessManager.Actors.Usb.Protocol;

// What the USB watcher (/user/usb) answers. Live device events: subscribe to UsbDeviceEvent on the event stream.

/// <summary>Reply: <see cref="UsbDeviceList"/>.</summary>
public sealed record ListUsbDevices
{
    public static ListUsbDevices Instance { get; } = new();
}

/// <summary>Reply: <see cref="UsbDeviceDescription"/>, or <see cref="UsbDeviceNotFound"/>.</summary>
public sealed record DescribeUsbDevice(string Id);

/// <summary>The last <paramref name="Limit"/> events (of one device when <paramref name="DeviceId"/> is given), oldest first. Reply: <see cref="UsbHistory"/>.</summary>
public sealed record GetUsbHistory(int Limit = 100, string? DeviceId = null);

/// <summary>Reply: <see cref="UsbWatcherStatus"/>.</summary>
public sealed record GetUsbWatcherStatus
{
    public static GetUsbWatcherStatus Instance { get; } = new();
}

/// <summary>Enumerates sysfs again and emits only the differences. Reply, once applied: <see cref="UsbResynchronized"/>.</summary>
public sealed record ResynchronizeUsb
{
    public static ResynchronizeUsb Instance { get; } = new();
}

/// <summary>
/// Feeds one uevent payload ("ACTION@DEVPATH\0KEY=VALUE\0...") to the watcher as if the kernel had sent it: for tests,
/// benchmarks and replays of recorded events. Queued (pbm.usb.inject-queue) and read in order; no reply.
/// </summary>
public sealed record InjectUevent(byte[] Payload);

/// <summary>
/// Forwards every kernel uevent of <paramref name="Subsystem"/> that is not a USB device's to the sender as
/// <see cref="UeventObserved"/>, until it stops or sends <see cref="UnsubscribeUevents"/> (diagnostics; at most
/// pbm.usb.max-uevent-subscribers at once). Reply: <see cref="UeventsSubscribed"/>.
/// </summary>
public sealed record SubscribeUevents(string Subsystem);

/// <summary>Ends a <see cref="SubscribeUevents"/> of the sender.</summary>
public sealed record UnsubscribeUevents
{
    public static UnsubscribeUevents Instance { get; } = new();
}

/// <summary>
/// Replaces the rules that came from <paramref name="Source"/> (a file `pbm apply` read, by its full path; null for the
/// daemon's configuration) with <paramref name="Rules"/>; a rule of another source for the same app is replaced too.
/// The devices present are matched again at once: a device that a new or changed rule binds starts (or restarts) its
/// program, one no rule binds any more has it stopped (the apply that removed a rule deletes its per-device apps).
/// Reply: <see cref="UsbRulesReplaced"/>.
/// </summary>
public sealed record ReplaceUsbRules(string? Source, IReadOnlyList<Rules.UsbRule> Rules);

/// <summary>The apps of the rules in force after a <see cref="ReplaceUsbRules"/>, ordered.</summary>
public sealed record UsbRulesReplaced(IReadOnlyList<string> Apps);

/// <summary>Lists the rules in force. Reply: <see cref="UsbRuleList"/>.</summary>
public sealed record ListUsbRules
{
    public static ListUsbRules Instance { get; } = new();
}

/// <summary>The rules in force, ordered by app.</summary>
public sealed record UsbRuleList(IReadOnlyList<Rules.UsbRule> Rules);

/// <summary>
/// The plugin host (/user/plugins) that rules with a plugin send device events to. The daemon tells the watcher once
/// both exist; events for plugins that come before wait for it (at most pbm.usb.max-devices of them).
/// </summary>
public sealed record UsePluginHost(Akka.Actor.IActorRef Host);
