using ProcessManager.Actors.Usb;
using ProcessManager.Actors.Usb.Events;
using ProcessManager.Actors.Usb.Protocol;
using Dto = ProcessManager.Contracts.Dtos;

namespace ProcessManager.Host.Backend;

/// <summary>The USB watcher's records as API DTOs.</summary>
internal static class UsbDtoMapper
{
    public static Dto.UsbDeviceInfo Device(UsbDevice device) => new(
        device.Id,
        device.DevPath,
        device.VendorId,
        device.ProductId,
        device.BusNumber,
        device.DeviceNumber,
        device.Manufacturer,
        device.Product,
        device.Serial,
        device.DevNode,
        device.DeviceClass,
        device.Speed,
        [.. device.Interfaces.Select(i => new Dto.UsbInterfaceInfo(i.Name, i.Class, i.SubClass, i.Protocol, i.Driver))]);

    public static Dto.UsbDeviceEventInfo Event(UsbDeviceEvent change) => new(
        change.Sequence,
        change.Timestamp,
        change.Kind,
        Device(change.Device),
        change is DeviceChanged changed ? Device(changed.Previous) : null);

    public static Dto.UsbWatcherStatusInfo Status(UsbWatcherStatus status) => new(
        status.BusPresent,
        status.NetlinkOpen,
        status.Devices,
        status.UeventsReceived,
        status.Malformed,
        status.Overflows,
        status.Resyncs,
        status.Refused,
        status.RuleFailures,
        status.Events);
}
