namespace ProcessManager.Contracts.Dtos;

/// <summary>One USB device as the daemon's watcher sees it (<c>GET /v1/usb/devices</c>).</summary>
/// <param name="Id">The kernel's name, stable per port ("1-1.2").</param>
/// <param name="VendorId">Four hex digits ("0403").</param>
/// <param name="ProductId">Four hex digits ("6001").</param>
public sealed record UsbDeviceInfo(
    string Id,
    string DevPath,
    string VendorId,
    string ProductId,
    int BusNumber,
    int DeviceNumber,
    string? Manufacturer,
    string? Product,
    string? Serial,
    string? DevNode,
    string? DeviceClass,
    string? Speed,
    IReadOnlyList<UsbInterfaceInfo> Interfaces);

/// <summary>One interface of a device: class, subclass and protocol as two hex digits each, and its driver.</summary>
public sealed record UsbInterfaceInfo(string Name, string Class, string SubClass, string Protocol, string? Driver);

/// <summary><c>GET /v1/usb/devices/{id}</c>: the device, the per-device apps its rules bind, its recent events.</summary>
public sealed record UsbDeviceDetail(UsbDeviceInfo Device, IReadOnlyList<string> BoundApps, IReadOnlyList<UsbDeviceEventInfo> RecentEvents);

/// <summary>A device event (<c>/v1/usb/history</c>, <c>/v1/usb/follow</c>).</summary>
/// <param name="Kind">attached, detached or changed.</param>
/// <param name="Previous">For changed: the device before.</param>
public sealed record UsbDeviceEventInfo(long Sequence, DateTimeOffset Timestamp, string Kind, UsbDeviceInfo Device, UsbDeviceInfo? Previous);

/// <summary><c>GET /v1/usb/status</c>: the watcher's counters.</summary>
public sealed record UsbWatcherStatusInfo(
    bool BusPresent,
    bool NetlinkOpen,
    int Devices,
    long UeventsReceived,
    long Malformed,
    long Overflows,
    long Resyncs,
    long Refused,
    long RuleFailures,
    long Events);
