using System.Globalization;
using ProcessManager.Actors.Usb.Netlink;

namespace ProcessManager.Actors.Tests.Usb;

/// <summary>
/// A real USB device as `udevadm monitor --kernel --property` and sysfs showed it, and the uevents the kernel sends
/// when it is plugged in or out (device add, interface adds, driver binds; on removal the reverse).
/// </summary>
internal sealed record RecordedDevice(
    string Id, int Bus, int DevNum, string Vendor, string Product, string Bcd, string DeviceClass, string Speed,
    string? Manufacturer, string? ProductName, string? Serial, IReadOnlyList<RecordedInterface> Interfaces)
{
    public const string Controller = "/devices/pci0000:00/0000:00:14.0";

    /// <summary>FTDI FT232R USB UART (a USB-serial adapter).</summary>
    public static RecordedDevice Ftdi(string id = "1-2", int devNum = 5, string serial = "A50285BI") =>
        new(id, 1, devNum, "0403", "6001", "0600", "00", "12", "FTDI", "FT232R USB UART", serial, [new($"{id}:1.0", 255, 255, 255, "ftdi_sio")]);

    /// <summary>Genesys Logic USB2.1 hub.</summary>
    public static RecordedDevice Hub(string id = "1-3", int devNum = 6) =>
        new(id, 1, devNum, "05e3", "0610", "9226", "09", "480", "GenesysLogic", "USB2.1 Hub", null, [new($"{id}:1.0", 9, 0, 2, "hub")]);

    /// <summary>Logitech K120 keyboard (two HID interfaces, no serial).</summary>
    public static RecordedDevice Keyboard(string id = "1-3.1", int devNum = 7) =>
        new(id, 1, devNum, "046d", "c31c", "6400", "00", "1.5", "Logitech", "USB Keyboard", null, [new($"{id}:1.0", 3, 1, 1, "usbhid"), new($"{id}:1.1", 3, 0, 0, "usbhid")]);

    /// <summary>SanDisk Cruzer Blade flash drive.</summary>
    public static RecordedDevice FlashDrive(string id = "1-3.4", int devNum = 8) =>
        new(id, 1, devNum, "0781", "5567", "0100", "00", "480", "SanDisk", "Cruzer Blade", "4C530001230613115285", [new($"{id}:1.0", 8, 6, 80, "usb-storage")]);

    /// <summary>Its sysfs path: children of a hub "1-3" ("1-3.1") live under the hub's directory.</summary>
    public string DevPath
    {
        get
        {
            var path = Controller + "/usb" + Bus.ToString(CultureInfo.InvariantCulture);
            var port = Id[(Id.IndexOf('-', StringComparison.Ordinal) + 1)..].Split('.');
            var name = Id[..(Id.IndexOf('-', StringComparison.Ordinal) + 1)];
            for (var i = 0; i < port.Length; i++)
            {
                name += (i == 0 ? "" : ".") + port[i];
                path += "/" + name;
            }

            return path;
        }
    }

    public string DevName => $"bus/usb/{Bus:000}/{DevNum:000}";

    /// <summary>The uevents of plugging it in, numbered from <paramref name="seqnum"/>.</summary>
    public IReadOnlyList<byte[]> Attach(ref int seqnum)
    {
        var events = new List<byte[]> { DeviceEvent("add", seqnum++) };
        foreach (var usbInterface in Interfaces)
        {
            events.Add(InterfaceEvent("add", usbInterface, seqnum++));
        }

        foreach (var usbInterface in Interfaces)
        {
            events.Add(InterfaceEvent("bind", usbInterface, seqnum++));
        }

        events.Add(DeviceEvent("bind", seqnum++));
        return events;
    }

    /// <summary>The uevents of pulling it out.</summary>
    public IReadOnlyList<byte[]> Detach(ref int seqnum)
    {
        var events = new List<byte[]>();
        foreach (var usbInterface in Interfaces)
        {
            events.Add(InterfaceEvent("unbind", usbInterface, seqnum++));
            events.Add(InterfaceEvent("remove", usbInterface, seqnum++));
        }

        events.Add(DeviceEvent("unbind", seqnum++));
        events.Add(DeviceEvent("remove", seqnum++));
        return events;
    }

    public byte[] DeviceEvent(string action, int seqnum)
    {
        var properties = new List<KeyValuePair<string, string>>
        {
            new("SUBSYSTEM", "usb"),
            new("MAJOR", "189"),
            new("MINOR", (((Bus - 1) * 128) + DevNum - 1).ToString(CultureInfo.InvariantCulture)),
            new("DEVNAME", DevName),
            new("DEVTYPE", "usb_device"),
        };
        if (action == "bind")
        {
            properties.Add(new("DRIVER", "usb"));
        }

        properties.Add(new("PRODUCT", ProductProperty));
        properties.Add(new("TYPE", $"{Convert.ToInt32(DeviceClass, 16)}/0/0"));
        properties.Add(new("BUSNUM", Bus.ToString("000", CultureInfo.InvariantCulture)));
        properties.Add(new("DEVNUM", DevNum.ToString("000", CultureInfo.InvariantCulture)));
        properties.Add(new("SEQNUM", seqnum.ToString(CultureInfo.InvariantCulture)));
        return UeventParser.Format(action, DevPath, properties);
    }

    private string ProductProperty =>
        $"{Convert.ToInt32(Vendor, 16):x}/{Convert.ToInt32(Product, 16):x}/{Convert.ToInt32(Bcd, 16):x}";

    private byte[] InterfaceEvent(string action, RecordedInterface usbInterface, int seqnum)
    {
        var properties = new List<KeyValuePair<string, string>> { new("SUBSYSTEM", "usb"), new("DEVTYPE", "usb_interface") };
        if (action == "bind")
        {
            properties.Add(new("DRIVER", usbInterface.Driver));
        }

        properties.Add(new("PRODUCT", ProductProperty));
        properties.Add(new("TYPE", $"{Convert.ToInt32(DeviceClass, 16)}/0/0"));
        properties.Add(new("INTERFACE", $"{usbInterface.Class}/{usbInterface.SubClass}/{usbInterface.Protocol}"));
        properties.Add(new("MODALIAS", $"usb:v{Vendor.ToUpperInvariant()}p{Product.ToUpperInvariant()}d{Bcd}dc{DeviceClass.ToUpperInvariant()}dsc00dp00ic{usbInterface.Class:X2}isc{usbInterface.SubClass:X2}ip{usbInterface.Protocol:X2}in00"));
        properties.Add(new("SEQNUM", seqnum.ToString(CultureInfo.InvariantCulture)));
        return UeventParser.Format(action, DevPath + "/" + usbInterface.Name, properties);
    }
}

/// <summary>One interface: decimal class, subclass and protocol as INTERFACE= gives them, and its driver.</summary>
internal sealed record RecordedInterface(string Name, int Class, int SubClass, int Protocol, string Driver);
