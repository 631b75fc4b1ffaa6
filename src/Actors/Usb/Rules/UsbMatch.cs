namespace ProcessManager.Actors.Usb.Rules;

/// <summary>
/// Which devices a rule binds to: every given field must agree (vendor and product ids as four hex digits, compared
/// without case; strings exactly; port is the device id, "1-1.2"). At least one field is given.
/// </summary>
public sealed record UsbMatch
{
    public string? Vendor { get; init; }

    public string? Product { get; init; }

    public string? Serial { get; init; }

    public string? Manufacturer { get; init; }

    public string? ProductName { get; init; }

    /// <summary>Two hex digits: the device matches when one of its interfaces (or its device class) has this class.</summary>
    public string? InterfaceClass { get; init; }

    public string? Port { get; init; }

    public bool Matches(UsbDevice device)
    {
        ArgumentNullException.ThrowIfNull(device);
        return Same(Vendor, device.VendorId, StringComparison.OrdinalIgnoreCase)
            && Same(Product, device.ProductId, StringComparison.OrdinalIgnoreCase)
            && Same(Serial, device.Serial, StringComparison.Ordinal)
            && Same(Manufacturer, device.Manufacturer, StringComparison.Ordinal)
            && Same(ProductName, device.Product, StringComparison.Ordinal)
            && Same(Port, device.Id, StringComparison.Ordinal)
            && (InterfaceClass is null
                || string.Equals(InterfaceClass, device.DeviceClass, StringComparison.OrdinalIgnoreCase)
                || device.Interfaces.Any(i => string.Equals(InterfaceClass, i.Class, StringComparison.OrdinalIgnoreCase)));
    }

    private static bool Same(string? wanted, string? actual, StringComparison comparison) =>
        wanted is null || string.Equals(wanted, actual, comparison);
}
