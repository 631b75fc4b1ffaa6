namespace ProcessManager.Actors.Usb;

/// <summary>
/// One USB device as sysfs and the kernel's uevents describe it. Equality is structural (interfaces compare by
/// content) so that a resynchronization can tell changed devices from unchanged ones.
/// </summary>
/// <param name="Id">The kernel's name of the device, stable per port: "1-1.2" (bus 1, port 1, then port 2), "usb1" for a root hub.</param>
/// <param name="DevPath">Its path under sysfs: "/devices/pci0000:00/0000:00:14.0/usb1/1-1/1-1.2".</param>
/// <param name="VendorId">idVendor, four lower-case hex digits ("0403").</param>
/// <param name="ProductId">idProduct, four lower-case hex digits ("6001").</param>
public sealed record UsbDevice(string Id, string DevPath, string VendorId, string ProductId)
{
    /// <summary>Bus number (busnum), 0 when unknown.</summary>
    public int BusNumber { get; init; }

    /// <summary>Device number on its bus (devnum), 0 when unknown; a re-plugged device gets a new one.</summary>
    public int DeviceNumber { get; init; }

    /// <summary>The manufacturer string the device reports, if any.</summary>
    public string? Manufacturer { get; init; }

    /// <summary>The product string the device reports, if any.</summary>
    public string? Product { get; init; }

    /// <summary>The serial number string the device reports, if any.</summary>
    public string? Serial { get; init; }

    /// <summary>The character device of the whole device ("/dev/bus/usb/001/004"), if the kernel names one.</summary>
    public string? DevNode { get; init; }

    /// <summary>bDeviceClass as two hex digits ("09" for a hub, "00" when the interfaces say).</summary>
    public string? DeviceClass { get; init; }

    /// <summary>Link speed in Mbit/s as sysfs says it ("480"), if known.</summary>
    public string? Speed { get; init; }

    /// <summary>The interfaces of the active configuration, ordered by their name.</summary>
    public IReadOnlyList<UsbInterface> Interfaces { get; init; } = [];

    /// <summary>True for a hub (device class 09): its children are the devices whose path is under its own.</summary>
    public bool IsHub => DeviceClass == "09";

    /// <summary>True when <paramref name="other"/> lies below this device in the sysfs tree (a hub's child).</summary>
    public bool IsAncestorOf(UsbDevice other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return other.DevPath.Length > DevPath.Length
            && other.DevPath.StartsWith(DevPath, StringComparison.Ordinal)
            && other.DevPath[DevPath.Length] == '/';
    }

    public bool Equals(UsbDevice? other) =>
        other is not null
        && (ReferenceEquals(this, other) || (
            Id == other.Id
            && DevPath == other.DevPath
            && VendorId == other.VendorId
            && ProductId == other.ProductId
            && BusNumber == other.BusNumber
            && DeviceNumber == other.DeviceNumber
            && Manufacturer == other.Manufacturer
            && Product == other.Product
            && Serial == other.Serial
            && DevNode == other.DevNode
            && DeviceClass == other.DeviceClass
            && Speed == other.Speed
            && Interfaces.SequenceEqual(other.Interfaces)));

    public override int GetHashCode() => HashCode.Combine(Id, DevPath, VendorId, ProductId, DeviceNumber);
}
