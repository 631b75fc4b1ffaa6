using System.Collections.Frozen;
using System.Globalization;
using ProcessManager.Actors.Processes.Configuration;
using ProcessManager.Actors.Processes.Protocol;
using ProcessManager.Hocon;

namespace ProcessManager.Actors.Usb.Rules;

/// <summary>
/// Reads the apps of a <c>processes</c> block when some of them are bound to USB devices:
/// <c>usb { match { vendor = "0403", product = "6001", serial = "..." }, on-attach = start, on-detach = stop }</c>.
/// The rest of each app is read by <see cref="ProcessSpecParser"/> as always; an app with a usb block becomes the
/// template of a rule (it is not declared itself: the watcher declares one app per matching device). Every error of
/// every app is reported at once, naming the field and file:line.
/// </summary>
public static class UsbRuleParser
{
    /// <summary>The key of an app's USB binding.</summary>
    public const string Key = "usb";

    private static readonly FrozenSet<string> UsbKeys = FrozenSet.Create(StringComparer.Ordinal, "match", "on-attach", "on-detach", "plugin");

    private static readonly FrozenSet<string> MatchKeys = FrozenSet.Create(
        StringComparer.Ordinal, "vendor", "product", "serial", "manufacturer", "product-name", "interface-class", "port");

    /// <summary>The plain apps (to declare) and the USB rules of the block.</summary>
    /// <exception cref="ProcessSpecException">Any app or usb block has any error; lists them all.</exception>
    public static (IReadOnlyList<ProcessSpec> Apps, IReadOnlyList<UsbRule> Rules) Parse(Config processesBlock, Config? defaults = null)
    {
        ArgumentNullException.ThrowIfNull(processesBlock);
        var errors = new List<InvalidProcessSpec>();
        var usbBlocks = new Dictionary<string, HoconValue>(StringComparer.Ordinal);
        var withoutUsb = new Dictionary<string, HoconValue>(StringComparer.Ordinal);
        foreach (var (name, value) in processesBlock.Root.Fields)
        {
            if (value is HoconObject app && app.TryGetValue(Key, out var usb))
            {
                usbBlocks[name] = usb;
                withoutUsb[name] = new HoconObject(app.Fields.Where(field => field.Key != Key), app.Origin);
            }
            else
            {
                withoutUsb[name] = value;
            }
        }

        IReadOnlyList<ProcessSpec> specs;
        try
        {
            specs = ProcessSpecParser.Parse(new Config(new HoconObject(withoutUsb, processesBlock.Root.Origin)), defaults);
        }
        catch (ProcessSpecException error)
        {
            errors.AddRange(error.Errors);
            specs = [];
        }

        var rules = new List<UsbRule>();
        foreach (var (name, usb) in usbBlocks.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            var template = specs.FirstOrDefault(spec => spec.Name == name);
            if (ParseRule(name, usb, template, errors) is { } rule && template is not null)
            {
                rules.Add(rule);
            }
        }

        return errors.Count > 0
            ? throw new ProcessSpecException(errors)
            : ([.. specs.Where(spec => !usbBlocks.ContainsKey(spec.Name))], rules);
    }

    private static UsbRule? ParseRule(string app, HoconValue value, ProcessSpec? template, List<InvalidProcessSpec> errors)
    {
        var before = errors.Count;
        void Fail(string field, string message, HoconOrigin origin) => errors.Add(new InvalidProcessSpec($"{app}.usb{field}", message, origin.ToString()));

        if (value is not HoconObject usb)
        {
            Fail("", "must be an object { match { vendor = \"0403\", product = \"6001\" }, on-attach = start, on-detach = stop }", value.Origin);
            return null;
        }

        foreach (var (key, field) in usb.Fields.Where(field => !UsbKeys.Contains(field.Key)))
        {
            Fail("." + key, $"unknown key; known keys of usb are {string.Join(", ", UsbKeys.Order(StringComparer.Ordinal))}", field.Origin);
        }

        if (usb.TryGetValue("plugin", out var plugin))
        {
            // The seam of PluginRuleTarget: refused until the plugin host exists, rather than accepted and dropped.
            Fail(".plugin", "routing device events to a plugin needs the plugin host, which this version does not have yet", plugin.Origin);
        }

        var match = ParseMatch(usb, Fail);
        var onAttach = Choice(usb, "on-attach", UsbAttachAction.Start, [("start", UsbAttachAction.Start), ("ignore", UsbAttachAction.Ignore)], Fail);
        var onDetach = Choice(usb, "on-detach", UsbDetachAction.Stop, [("stop", UsbDetachAction.Stop), ("ignore", UsbDetachAction.Ignore)], Fail);
        if (template is not null && template.Kind == ProcessKind.Service && template.Instances != 1)
        {
            Fail("", $"a USB-bound app runs one instance per matching device; remove instances = {template.Instances.ToString(CultureInfo.InvariantCulture)}", usb.Origin);
        }

        return errors.Count > before || template is null || match is null
            ? null
            : new UsbRule(app, match, onAttach, onDetach, new AppRuleTarget(template), usb.Origin.ToString());
    }

    private static UsbMatch? ParseMatch(HoconObject usb, Action<string, string, HoconOrigin> fail)
    {
        if (!usb.TryGetValue("match", out var value) || value is not HoconObject match)
        {
            fail(".match", "missing: give match { vendor = \"0403\", product = \"6001\" } (any of " + string.Join(", ", MatchKeys.Order(StringComparer.Ordinal)) + ")", value?.Origin ?? usb.Origin);
            return null;
        }

        if (match.Count == 0)
        {
            fail(".match", "matches every device: give at least one of " + string.Join(", ", MatchKeys.Order(StringComparer.Ordinal)), match.Origin);
            return null;
        }

        var ok = true;
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, field) in match.Fields)
        {
            if (!MatchKeys.Contains(key))
            {
                fail(".match." + key, $"unknown key; known keys of match are {string.Join(", ", MatchKeys.Order(StringComparer.Ordinal))}", field.Origin);
                ok = false;
                continue;
            }

            var text = field switch
            {
                HoconString s => s.Value,
                HoconNumber n => n.Text,
                _ => null,
            };
            if (text is null || text.Length == 0)
            {
                fail(".match." + key, "must be a non-empty string", field.Origin);
                ok = false;
                continue;
            }

            var width = key is "vendor" or "product" ? 4 : key == "interface-class" ? 2 : 0;
            if (width > 0 && (text.Length != width || !int.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out _)))
            {
                fail(".match." + key, $"'{text}' is not {width} hex digits (as lsusb shows it, e.g. " + (width == 4 ? "\"0403\")" : "\"03\")"), field.Origin);
                ok = false;
                continue;
            }

            texts[key] = width > 0 ? text.ToLowerInvariant() : text;
        }

        return !ok ? null : new UsbMatch
        {
            Vendor = texts.GetValueOrDefault("vendor"),
            Product = texts.GetValueOrDefault("product"),
            Serial = texts.GetValueOrDefault("serial"),
            Manufacturer = texts.GetValueOrDefault("manufacturer"),
            ProductName = texts.GetValueOrDefault("product-name"),
            InterfaceClass = texts.GetValueOrDefault("interface-class"),
            Port = texts.GetValueOrDefault("port"),
        };
    }

    private static T Choice<T>(HoconObject usb, string key, T fallback, (string Word, T Value)[] choices, Action<string, string, HoconOrigin> fail)
    {
        if (!usb.TryGetValue(key, out var value))
        {
            return fallback;
        }

        if (value is HoconString text && choices.FirstOrDefault(c => c.Word == text.Value.Trim()) is { Word: not null } choice)
        {
            return choice.Value;
        }

        fail("." + key, $"must be one of {string.Join(", ", choices.Select(c => c.Word))}", value.Origin);
        return fallback;
    }
}
