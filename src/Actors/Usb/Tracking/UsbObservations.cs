using ProcessManager.Actors.Usb.Netlink;

namespace ProcessManager.Actors.Usb.Tracking;

// What the uevent readers tell the watcher: each uevent read becomes exactly one of these.

/// <summary>A USB device is present with these attributes (add, change, bind, ...); read from sysfs, or from the uevent alone.</summary>
internal sealed record UsbDeviceSeen(UsbDevice Device, bool FromSysfs, long ReceivedTimestamp);

/// <summary>A USB device was removed.</summary>
internal sealed record UsbDeviceGone(string Id, string DevPath, long ReceivedTimestamp);

/// <summary>An interface of a device: added, removed, bound to a driver, unbound, changed (<paramref name="Action"/>).</summary>
internal sealed record UsbInterfaceSeen(string DeviceId, UsbInterface Interface, string Action, long ReceivedTimestamp);

/// <summary>A well-formed uevent of another subsystem, or of a USB part the table does not track (endpoints, ports).</summary>
internal sealed record OtherUevent(Uevent Uevent, long ReceivedTimestamp);

/// <summary>A payload that is not a whole kernel uevent; logged and counted.</summary>
internal sealed record MalformedUevent(string Reason);

/// <summary>The kernel dropped uevents (ENOBUFS): the table must be resynchronized from sysfs.</summary>
internal sealed record UeventsLost
{
    public static UeventsLost Instance { get; } = new();
}

/// <summary>The netlink socket failed for good; the watcher keeps its table and says so.</summary>
internal sealed record UeventSourceFailed(Exception Error);

/// <summary>The result of a sysfs enumeration; Devices is null when there is no USB bus.</summary>
internal sealed record SysfsEnumerated(IReadOnlyList<UsbDevice>? Devices);
