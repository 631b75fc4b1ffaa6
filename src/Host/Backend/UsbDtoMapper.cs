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
        [.. device.Interfaces.Select(i => new Dto.UsbInterfaceInfo(i.Name, i.Class, i.SubClass, i.Protocol, i.Driver, i.Tty is null ? null : "/dev/" + i.Tty))]);

    public static Dto.UsbDeviceEventInfo Event(UsbDeviceEvent change) => new(
        change.Sequence,
        change.Timestamp,
        change.Kind,
        Device(change.Device),
        change is DeviceChanged changed ? Device(changed.Previous) : null);

    /// <summary>A device event as <c>/v1/events</c> carries it beside process state changes: "usb:1-2 attached".</summary>
    public static Dto.ProcessEvent GeneralEvent(UsbDeviceEvent change)
    {
        var device = change.Device;
        var name = string.Join(' ', new[] { device.Manufacturer, device.Product }.Where(text => !string.IsNullOrEmpty(text)));
        var detail = $"{device.VendorId}:{device.ProductId}" + (name.Length == 0 ? "" : " " + name) + (device.TtyNodes.Count == 0 ? "" : " " + string.Join(' ', device.TtyNodes));
        return new Dto.ProcessEvent(change.Timestamp, "usb:" + device.Id, change.Kind, null, detail, Source: "usb", Usb: Event(change));
    }

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
