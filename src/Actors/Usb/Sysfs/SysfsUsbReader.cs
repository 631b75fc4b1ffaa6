using System.Globalization;

namespace ProcessManager.Actors.Usb.Sysfs;

/// <summary>
/// Reads USB devices from a sysfs tree rooted at <see cref="Root"/> ("/sys", or a fake tree in tests): the devices
/// listed in bus/usb/devices, each one's attributes and the interfaces of its active configuration. Blocking file
/// I/O: call it off the mailbox thread. A device that disappears while it is read is skipped, not an error.
/// </summary>
public sealed class SysfsUsbReader(string root)
{
    /// <summary>The sysfs mount point.</summary>
    public string Root { get; } = root.TrimEnd('/') is { Length: > 0 } trimmed ? trimmed : "/";

    /// <summary>bus/usb/devices under <see cref="Root"/>.</summary>
    public string BusDirectory => Path.Combine(Root, "bus", "usb", "devices");

    /// <summary>Every USB device present, by id; null when this machine has no USB bus (no bus/usb/devices).</summary>
    public IReadOnlyList<UsbDevice>? Enumerate()
    {
        if (!Directory.Exists(BusDirectory))
        {
            return null;
        }

        var devices = new List<UsbDevice>();
        foreach (var entry in Directory.EnumerateFileSystemEntries(BusDirectory))
        {
            var name = Path.GetFileName(entry);
            if (name.Contains(':', StringComparison.Ordinal))
            {
                continue; // an interface: read with its device
            }

            if (DevPathOf(entry) is { } devPath && ReadDevice(devPath) is { } device)
            {
                devices.Add(device);
            }
        }

        devices.Sort(static (a, b) => string.CompareOrdinal(a.Id, b.Id));
        return devices;
    }

    /// <summary>The device at <paramref name="devPath"/> ("/devices/.../1-1"), or null when it is not there (any more) or not a USB device.</summary>
    public UsbDevice? ReadDevice(string devPath)
    {
        ArgumentNullException.ThrowIfNull(devPath);
        if (devPath.Contains("..", StringComparison.Ordinal))
        {
            return null;
        }

        var directory = Root + devPath;
        var vendor = Attribute(directory, "idVendor");
        var product = Attribute(directory, "idProduct");
        if (vendor is null || product is null)
        {
            return null;
        }

        var id = Path.GetFileName(devPath);
        var uevent = UeventFile(directory);
        return new UsbDevice(id, devPath, vendor.ToLowerInvariant(), product.ToLowerInvariant())
        {
            BusNumber = Number(Attribute(directory, "busnum")),
            DeviceNumber = Number(Attribute(directory, "devnum")),
            Manufacturer = Attribute(directory, "manufacturer"),
            Product = Attribute(directory, "product"),
            Serial = Attribute(directory, "serial"),
            DevNode = uevent.TryGetValue("DEVNAME", out var devName) && devName.Length > 0 ? "/dev/" + devName : null,
            DeviceClass = Attribute(directory, "bDeviceClass")?.ToLowerInvariant(),
            Speed = Attribute(directory, "speed"),
            Interfaces = Interfaces(directory, id),
        };
    }

    private string? DevPathOf(string entry)
    {
        try
        {
            var target = new DirectoryInfo(entry).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? Path.GetFullPath(entry);
            return target.StartsWith(Root + "/", StringComparison.Ordinal) ? target[Root.Length..] : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static List<UsbInterface> Interfaces(string directory, string id)
    {
        var interfaces = new List<UsbInterface>();
        try
        {
            foreach (var path in Directory.EnumerateDirectories(directory, id + ":*"))
            {
                var name = Path.GetFileName(path);
                var cls = Attribute(path, "bInterfaceClass");
                if (cls is null)
                {
                    continue;
                }

                interfaces.Add(new UsbInterface(
                    name,
                    cls.ToLowerInvariant(),
                    Attribute(path, "bInterfaceSubClass")?.ToLowerInvariant() ?? "00",
                    Attribute(path, "bInterfaceProtocol")?.ToLowerInvariant() ?? "00",
                    Driver(path)));
            }
        }
        catch (IOException)
        {
            // The device went away while its interfaces were listed.
        }

        interfaces.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        return interfaces;
    }

    private static string? Driver(string path)
    {
        try
        {
            return new FileInfo(Path.Combine(path, "driver")).LinkTarget is { } target ? Path.GetFileName(target) : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static Dictionary<string, string> UeventFile(string directory)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Attribute(directory, "uevent") is not { } text)
        {
            return values;
        }

        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                values[line[..equals]] = line[(equals + 1)..];
            }
        }

        return values;
    }

    /// <summary>Attributes are small text files; a missing or unreadable one is simply absent.</summary>
    private static string? Attribute(string directory, string name)
    {
        try
        {
            var text = File.ReadAllText(Path.Combine(directory, name)).Trim();
            return text.Length == 0 ? null : text;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static int Number(string? text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : 0;
}
