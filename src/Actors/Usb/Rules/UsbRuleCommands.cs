using System.Collections.Frozen;
using System.Globalization;
using ProcessManager.Actors.Processes.Protocol;
using ProcessManager.Actors.Usb.Events;

namespace ProcessManager.Actors.Usb.Rules;

/// <summary>
/// The process supervisor commands that device events call for under a set of rules: a device that starts to match
/// a rule starts its per-device app, one that stops matching (or goes) has it deleted, and a matching device whose
/// environment changed (a new device number) has it replaced. Pure, so it is tested without actors.
/// </summary>
public static class UsbRuleCommands
{
    /// <summary>The name of a rule's per-device app: APP.DEVICE-ID ("logger.1-1.2").</summary>
    public static string AppName(UsbRule rule, UsbDevice device)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(device);
        return rule.App + "." + device.Id;
    }

    /// <summary>The per-device apps the rules bind to <paramref name="device"/>.</summary>
    public static IReadOnlyList<string> BoundApps(IEnumerable<UsbRule> rules, UsbDevice device) =>
        [.. rules.Where(rule => rule.Target is AppRuleTarget && rule.Match.Matches(device)).Select(rule => AppName(rule, device))];

    public static IReadOnlyList<IProcessCommand> For(UsbDeviceEvent deviceEvent, IEnumerable<UsbRule> rules, string sysfsRoot)
    {
        ArgumentNullException.ThrowIfNull(deviceEvent);
        ArgumentNullException.ThrowIfNull(rules);
        var commands = new List<IProcessCommand>();
        foreach (var rule in rules)
        {
            if (rule.Target is not AppRuleTarget app)
            {
                continue; // PluginRuleTarget: no plugin host to route to yet (the parser refuses such rules).
            }

            var before = deviceEvent is DeviceChanged changed ? changed.Previous : deviceEvent is DeviceDetached ? deviceEvent.Device : null;
            var after = deviceEvent is DeviceDetached ? null : deviceEvent.Device;
            var matchedBefore = before is not null && rule.Match.Matches(before);
            var matchesNow = after is not null && rule.Match.Matches(after);
            if (matchedBefore && (!matchesNow || AppName(rule, before!) != AppName(rule, after!)) && rule.OnDetach == UsbDetachAction.Stop)
            {
                commands.Add(new DeleteProcess(AppName(rule, before!)));
            }

            if (matchesNow && rule.OnAttach == UsbAttachAction.Start
                && (!matchedBefore || !Environment(before!, sysfsRoot).SequenceEqual(Environment(after!, sysfsRoot))))
            {
                commands.Add(new StartProcess(Spec(app.Template, rule, after!, sysfsRoot)));
            }
        }

        return commands;
    }

    /// <summary>The template with the per-device name, one instance, and the device in its environment.</summary>
    public static ProcessSpec Spec(ProcessSpec template, UsbRule rule, UsbDevice device, string sysfsRoot)
    {
        ArgumentNullException.ThrowIfNull(template);
        var environment = new Dictionary<string, string>(template.Environment, StringComparer.Ordinal);
        foreach (var (key, value) in Environment(device, sysfsRoot))
        {
            environment[key] = value;
        }

        return template with
        {
            Name = AppName(rule, device),
            Instances = 1,
            Autostart = true,
            Environment = environment.ToFrozenDictionary(StringComparer.Ordinal),
        };
    }

    /// <summary>PBM_USB_* variables describing the device; absent attributes are left out.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Environment(UsbDevice device, string sysfsRoot)
    {
        ArgumentNullException.ThrowIfNull(device);
        var variables = new List<KeyValuePair<string, string>>
        {
            new("PBM_USB_ID", device.Id),
            new("PBM_USB_SYSFS_PATH", sysfsRoot.TrimEnd('/') + device.DevPath),
            new("PBM_USB_VENDOR", device.VendorId),
            new("PBM_USB_PRODUCT", device.ProductId),
            new("PBM_USB_BUSNUM", device.BusNumber.ToString("000", CultureInfo.InvariantCulture)),
            new("PBM_USB_DEVNUM", device.DeviceNumber.ToString("000", CultureInfo.InvariantCulture)),
        };
        Add("PBM_USB_DEVNODE", device.DevNode);
        Add("PBM_USB_SERIAL", device.Serial);
        Add("PBM_USB_MANUFACTURER", device.Manufacturer);
        Add("PBM_USB_PRODUCT_NAME", device.Product);
        return variables;

        void Add(string key, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                variables.Add(new(key, value));
            }
        }
    }
}
