using ProcessManager.Actors.Plugins.Manifests;
using ProcessManager.Actors.Usb.Events;

namespace ProcessManager.Actors.Plugins.Subscriptions;

/// <summary>Whether a manifest's <c>subscribe.usb</c> rule matches a device event: every field the rule sets must match.</summary>
internal static class UsbRuleMatch
{
    public static bool Matches(UsbRule rule, UsbDeviceEvent change)
    {
        var device = change.Device;
        return Action(rule.Action, change)
            && (rule.Vendor is null || string.Equals(rule.Vendor, device.VendorId, StringComparison.OrdinalIgnoreCase))
            && (rule.Product is null || string.Equals(rule.Product, device.ProductId, StringComparison.OrdinalIgnoreCase))
            && (rule.Serial is null || string.Equals(rule.Serial, device.Serial, StringComparison.Ordinal));
    }

    /// <summary><c>add</c> is an attach, <c>remove</c> a detach; <c>any</c> takes changes too.</summary>
    private static bool Action(string action, UsbDeviceEvent change) => action switch
    {
        "add" => change is DeviceAttached,
        "remove" => change is DeviceDetached,
        _ => true,
    };
}
