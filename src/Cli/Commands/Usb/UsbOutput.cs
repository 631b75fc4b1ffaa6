using ProcessManager.Cli.Infrastructure;
using ProcessManager.Contracts.Dtos;

namespace ProcessManager.Cli.Commands.Usb;

/// <summary>How the usb commands show devices and events, and read a device id.</summary>
internal static class UsbOutput
{
    private static readonly System.Buffers.SearchValues<char> IdChars =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.:");

    /// <summary>"0403:6001".</summary>
    public static string Ids(UsbDeviceInfo device) => device.VendorId + ":" + device.ProductId;

    /// <summary>"FTDI FT232R USB UART", or "-".</summary>
    public static string Name(UsbDeviceInfo device) =>
        string.Join(' ', new[] { device.Manufacturer, device.Product }.Where(s => !string.IsNullOrEmpty(s))) is { Length: > 0 } name ? name : "-";

    /// <summary>The interfaces' classes: "ff/ff/ff ftdi_sio, 03/01/01 usbhid".</summary>
    public static string Interfaces(UsbDeviceInfo device) =>
        device.Interfaces.Count == 0 ? "-" : string.Join(", ", device.Interfaces.Select(i => $"{i.Class}/{i.SubClass}/{i.Protocol}" + (i.Driver is null ? "" : " " + i.Driver)));

    /// <summary>What a changed event changed: "devnum 5 → 6, serial - → A502".</summary>
    public static string Changes(UsbDeviceEventInfo change)
    {
        if (change.Previous is not { } before)
        {
            return Ids(change.Device) + " " + Name(change.Device);
        }

        var after = change.Device;
        var changes = new List<string>();
        Compare("devnum", before.DeviceNumber.ToString(System.Globalization.CultureInfo.InvariantCulture), after.DeviceNumber.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Compare("devnode", before.DevNode, after.DevNode);
        Compare("serial", before.Serial, after.Serial);
        Compare("product", before.Product, after.Product);
        Compare("interfaces", Interfaces(before), Interfaces(after));
        return changes.Count == 0 ? "attributes" : string.Join(", ", changes);

        void Compare(string what, string? was, string? now)
        {
            if (was != now)
            {
                changes.Add($"{what} {was ?? "-"} → {now ?? "-"}");
            }
        }
    }

    /// <summary>A device id as the kernel names devices ("1-1.2", "usb1").</summary>
    public static string ReadId(ArgumentReader args) => CheckId(args.Positionals(1, 1, "ID")[0]);

    /// <summary>Refuses what cannot be a device id, before asking the daemon.</summary>
    public static string CheckId(string id)
    {
        if (id.Length > 64 || id.AsSpan().IndexOfAnyExcept(IdChars) >= 0)
        {
            throw new UsageException($"'{id}' is not a USB device id: the kernel's name of a device, such as 1-1.2 (pbm usb list shows them)");
        }

        return id;
    }
}
