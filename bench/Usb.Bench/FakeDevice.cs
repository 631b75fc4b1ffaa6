using System.Globalization;
using ProcessManager.Actors.Usb.Netlink;

namespace ProcessManager.Usb.Bench;

/// <summary>An FTDI adapter on a fake sysfs tree, and the uevents of plugging it in and out.</summary>
internal sealed class FakeDevice(string root, int port)
{
    public string Id => $"1-{port.ToString(CultureInfo.InvariantCulture)}";

    public string DevPath => "/devices/pci0000:00/0000:00:14.0/usb1/" + Id;

    public void Create()
    {
        var directory = root + DevPath;
        Directory.CreateDirectory(directory);
        foreach (var (name, value) in new[]
        {
            ("idVendor", "0403"), ("idProduct", "6001"), ("busnum", "1"), ("devnum", port.ToString(CultureInfo.InvariantCulture)),
            ("serial", "BENCH" + port.ToString(CultureInfo.InvariantCulture)), ("manufacturer", "FTDI"), ("product", "FT232R USB UART"),
            ("bDeviceClass", "00"), ("uevent", $"DEVNAME=bus/usb/001/{port:000}\nDEVTYPE=usb_device\n"),
        })
        {
            File.WriteAllText(Path.Combine(directory, name), value + "\n");
        }
    }

    public byte[] Uevent(string action, int seqnum) => UeventParser.Format(action, DevPath, new Dictionary<string, string>
    {
        ["SUBSYSTEM"] = "usb",
        ["DEVNAME"] = $"bus/usb/001/{port:000}",
        ["DEVTYPE"] = "usb_device",
        ["PRODUCT"] = "403/6001/600",
        ["TYPE"] = "0/0/0",
        ["BUSNUM"] = "001",
        ["DEVNUM"] = port.ToString("000", CultureInfo.InvariantCulture),
        ["SEQNUM"] = seqnum.ToString(CultureInfo.InvariantCulture),
    });
}
