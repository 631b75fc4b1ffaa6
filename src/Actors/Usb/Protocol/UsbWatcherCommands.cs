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
