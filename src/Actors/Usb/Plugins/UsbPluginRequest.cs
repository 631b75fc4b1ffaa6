using System.Text.Json;
using System.Text.Json.Serialization;
using ProcessManager.Actors.Usb.Events;

namespace ProcessManager.Actors.Usb.Plugins;

/// <summary>
/// The params of <c>InvokePlugin(plugin, "usb", ...)</c>: one device event as a rule routes it to a plugin.
/// <c>{"event":"attached","sequence":7,"timestamp":"...","rule":"APP","device":{...},"previous":null}</c>.
/// </summary>
/// <param name="Event">attached, detached or changed.</param>
/// <param name="Rule">The app whose usb block routed it.</param>
/// <param name="Previous">For changed: the device before.</param>
public sealed record UsbPluginRequest(string Event, long Sequence, DateTimeOffset Timestamp, string Rule, UsbDevice Device, UsbDevice? Previous)
{
    /// <summary>The method the plugin is invoked with.</summary>
    public const string Method = "usb";

    public static UsbPluginRequest From(UsbDeviceEvent change, string rule)
    {
        ArgumentNullException.ThrowIfNull(change);
        return new(change.Kind, change.Sequence, change.Timestamp, rule, change.Device, (change as DeviceChanged)?.Previous);
    }

    public string ToJson() => JsonSerializer.Serialize(this, UsbPluginJsonContext.Default.UsbPluginRequest);
}

/// <summary>Source-generated JSON of <see cref="UsbPluginRequest"/> (camelCase, as the plugin protocol's other messages).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(UsbPluginRequest))]
internal sealed partial class UsbPluginJsonContext : JsonSerializerContext;
