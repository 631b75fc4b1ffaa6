using ProcessManager.Actors.Usb.Events;
using ProcessManager.Actors.Usb.Netlink;

namespace ProcessManager.Actors.Usb.Protocol;

/// <summary>The devices present, ordered by id.</summary>
public sealed record UsbDeviceList(IReadOnlyList<UsbDevice> Devices);

/// <summary>One device, the apps its rules bind to it (per-device app names) and its recent events.</summary>
public sealed record UsbDeviceDescription(UsbDevice Device, IReadOnlyList<string> BoundApps, IReadOnlyList<UsbDeviceEvent> RecentEvents);

/// <summary>No device has this id.</summary>
public sealed record UsbDeviceNotFound(string Id);

/// <summary>Events, oldest first.</summary>
public sealed record UsbHistory(IReadOnlyList<UsbDeviceEvent> Events);

/// <summary>A resynchronization was applied; <paramref name="Differences"/> events were emitted.</summary>
public sealed record UsbResynchronized(int Differences);

/// <summary>The subscription is in place (or refused, with the reason).</summary>
public sealed record UeventsSubscribed(string Subsystem, bool Accepted, string? Reason = null);

/// <summary>A kernel uevent of a subscribed subsystem; <paramref name="ReceivedTimestamp"/> is Stopwatch.GetTimestamp() when it was read.</summary>
public sealed record UeventObserved(Uevent Uevent, long ReceivedTimestamp);

/// <summary>What the watcher has seen and how it is doing.</summary>
/// <param name="BusPresent">Whether sysfs has a USB bus (bus/usb/devices).</param>
/// <param name="NetlinkOpen">Whether it follows the kernel's uevents.</param>
/// <param name="Devices">Devices in the table.</param>
/// <param name="UeventsReceived">Uevents read (kernel and injected).</param>
/// <param name="Malformed">Payloads refused as malformed or truncated.</param>
/// <param name="Overflows">Times the kernel reported lost uevents (ENOBUFS).</param>
/// <param name="Resyncs">Sysfs enumerations (at start, after an overflow, on request).</param>
/// <param name="Refused">Devices refused because the table was full.</param>
/// <param name="InjectDropped">Injected payloads dropped because the queue was full.</param>
/// <param name="RuleFailures">Rule commands the supervisor refused.</param>
/// <param name="Events">Device events emitted since start.</param>
public sealed record UsbWatcherStatus(
    bool BusPresent,
    bool NetlinkOpen,
    int Devices,
    long UeventsReceived,
    long Malformed,
    long Overflows,
    long Resyncs,
    long Refused,
    long InjectDropped,
    long RuleFailures,
    long Events);
