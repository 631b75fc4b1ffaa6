using System.Globalization;
using ProcessManager.Actors.Usb.Netlink;
using ProcessManager.Actors.Usb.Sysfs;

namespace ProcessManager.Actors.Usb.Tracking;

/// <summary>
/// Turns one uevent payload into one observation for the watcher. A USB device's add reads its attributes from sysfs
/// (the kernel creates them before it sends the uevent; the uevent itself has no serial or strings), falling back to
/// the uevent's own PRODUCT/BUSNUM/DEVNUM when sysfs has nothing (the device is already gone). Runs on the reader task.
/// </summary>
internal sealed class UeventInterpreter(SysfsUsbReader sysfs)
{
    public object Interpret(ReadOnlySpan<byte> payload, long receivedTimestamp)
    {
        if (!UeventParser.TryParse(payload, out var uevent, out var error))
        {
            return new MalformedUevent(error);
        }

        if (uevent!.Subsystem != "usb")
        {
            return new OtherUevent(uevent, receivedTimestamp);
        }

        return uevent.DevType switch
        {
            "usb_device" => Device(uevent, receivedTimestamp),
            "usb_interface" => Interface(uevent, receivedTimestamp),
            _ => new OtherUevent(uevent, receivedTimestamp),
        };
    }

    private object Device(Uevent uevent, long receivedTimestamp)
    {
        switch (uevent.Action)
        {
            case "remove":
                return new UsbDeviceGone(uevent.KernelName, uevent.DevPath, receivedTimestamp);
            case "unbind":
                // The generic "usb" driver lets go of a device just before it is removed: nothing the table holds changes.
                return new OtherUevent(uevent, receivedTimestamp);
        }

        if (sysfs.ReadDevice(uevent.DevPath) is { } read)
        {
            return new UsbDeviceSeen(read, FromSysfs: true, receivedTimestamp);
        }

        return FromProperties(uevent) is { } device
            ? new UsbDeviceSeen(device, FromSysfs: false, receivedTimestamp)
            : new MalformedUevent($"{uevent.Action}@{uevent.DevPath}: a usb_device without a PRODUCT=VENDOR/PRODUCT/BCD property");
    }

    private static object Interface(Uevent uevent, long receivedTimestamp)
    {
        var name = uevent.KernelName;
        var colon = name.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return new MalformedUevent($"{uevent.Action}@{uevent.DevPath}: an interface name without DEVICE:CONFIG.NUMBER");
        }

        var classes = (uevent.Property("INTERFACE") ?? "").Split('/');
        if (classes.Length != 3 || !classes.All(part => byte.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
        {
            return new MalformedUevent($"{uevent.Action}@{uevent.DevPath}: INTERFACE is not CLASS/SUBCLASS/PROTOCOL");
        }

        var driver = uevent.Action == "unbind" ? null : uevent.Property("DRIVER");
        var usbInterface = new UsbInterface(name, Hex(classes[0]), Hex(classes[1]), Hex(classes[2]), driver);
        return new UsbInterfaceSeen(name[..colon], usbInterface, uevent.Action, receivedTimestamp);
    }

    /// <summary>The device as its uevent describes it: PRODUCT=403/6001/600 (hex without leading zeros), TYPE=0/0/0 (decimal).</summary>
    private static UsbDevice? FromProperties(Uevent uevent)
    {
        var product = (uevent.Property("PRODUCT") ?? "").Split('/');
        if (product.Length != 3 || !IsHex(product[0]) || !IsHex(product[1]))
        {
            return null;
        }

        var type = (uevent.Property("TYPE") ?? "").Split('/');
        return new UsbDevice(uevent.KernelName, uevent.DevPath, product[0].PadLeft(4, '0').ToLowerInvariant(), product[1].PadLeft(4, '0').ToLowerInvariant())
        {
            BusNumber = Number(uevent.Property("BUSNUM")),
            DeviceNumber = Number(uevent.Property("DEVNUM")),
            DevNode = uevent.Property("DEVNAME") is { Length: > 0 } devName ? "/dev/" + devName : null,
            DeviceClass = type.Length == 3 && byte.TryParse(type[0], NumberStyles.None, CultureInfo.InvariantCulture, out _) ? Hex(type[0]) : null,
        };
    }

    private static bool IsHex(string text) =>
        text.Length is > 0 and <= 4 && ushort.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out _);

    private static string Hex(string decimalText) =>
        byte.Parse(decimalText, NumberStyles.None, CultureInfo.InvariantCulture).ToString("x2", CultureInfo.InvariantCulture);

    private static int Number(string? text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : 0;
}
