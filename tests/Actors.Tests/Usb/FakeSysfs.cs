using System.Globalization;

namespace ProcessManager.Actors.Tests.Usb;

/// <summary>A sysfs tree in a temp folder: devices/... with each device's attribute files, and bus/usb/devices links.</summary>
internal sealed class FakeSysfs : IDisposable
{
    public FakeSysfs(bool withBus = true)
    {
        Root = Path.Combine(Path.GetTempPath(), "pbm-sysfs-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(Root, "devices"));
        if (withBus)
        {
            Directory.CreateDirectory(BusDirectory);
        }
    }

    public string Root { get; }

    private string BusDirectory => Path.Combine(Root, "bus", "usb", "devices");

    /// <summary>Creates the device's directory and attributes (as the kernel does before it sends "add").</summary>
    public void Add(RecordedDevice device)
    {
        var directory = Root + device.DevPath;
        Directory.CreateDirectory(directory);
        Write(directory, "idVendor", device.Vendor);
        Write(directory, "idProduct", device.Product);
        Write(directory, "bcdDevice", device.Bcd);
        Write(directory, "bDeviceClass", device.DeviceClass);
        Write(directory, "busnum", device.Bus.ToString(CultureInfo.InvariantCulture));
        Write(directory, "devnum", device.DevNum.ToString(CultureInfo.InvariantCulture));
        Write(directory, "speed", device.Speed);
        Write(directory, "uevent", $"MAJOR=189\nMINOR={((device.Bus - 1) * 128) + device.DevNum - 1}\nDEVNAME={device.DevName}\nDEVTYPE=usb_device\nBUSNUM={device.Bus:000}\nDEVNUM={device.DevNum:000}\n");
        if (device.Manufacturer is { } manufacturer)
        {
            Write(directory, "manufacturer", manufacturer);
        }

        if (device.ProductName is { } product)
        {
            Write(directory, "product", product);
        }

        if (device.Serial is { } serial)
        {
            Write(directory, "serial", serial);
        }

        foreach (var usbInterface in device.Interfaces)
        {
            var path = Path.Combine(directory, usbInterface.Name);
            Directory.CreateDirectory(path);
            Write(path, "bInterfaceClass", usbInterface.Class.ToString("x2", CultureInfo.InvariantCulture));
            Write(path, "bInterfaceSubClass", usbInterface.SubClass.ToString("x2", CultureInfo.InvariantCulture));
            Write(path, "bInterfaceProtocol", usbInterface.Protocol.ToString("x2", CultureInfo.InvariantCulture));
            var driver = Path.Combine(Root, "bus", "usb", "drivers", usbInterface.Driver);
            Directory.CreateDirectory(driver);
            File.CreateSymbolicLink(Path.Combine(path, "driver"), driver);
            if (Directory.Exists(BusDirectory))
            {
                File.CreateSymbolicLink(Path.Combine(BusDirectory, usbInterface.Name), path);
            }
        }

        if (Directory.Exists(BusDirectory))
        {
            File.CreateSymbolicLink(Path.Combine(BusDirectory, device.Id), directory);
        }
    }

    /// <summary>Removes the device (and what is below it: a hub's children) from the tree.</summary>
    public void Remove(RecordedDevice device)
    {
        var directory = Root + device.DevPath;
        foreach (var link in Directory.EnumerateFileSystemEntries(BusDirectory))
        {
            var target = new FileInfo(link).LinkTarget;
            if (target is not null && (target == directory || target.StartsWith(directory + "/", StringComparison.Ordinal)))
            {
                File.Delete(link);
            }
        }

        Directory.Delete(directory, recursive: true);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS temp cleaner.
        }
    }

    private static void Write(string directory, string name, string value) => File.WriteAllText(Path.Combine(directory, name), value + "\n");
}
