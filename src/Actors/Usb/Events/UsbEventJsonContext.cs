using System.Text.Json;
using System.Text.Json.Serialization;

namespace ProcessManager.Actors.Usb.Events;

/// <summary>Source-generated JSON contracts of what the USB watcher persists.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(UsbDeviceEvent))]
[JsonSerializable(typeof(DeviceAttached))]
[JsonSerializable(typeof(DeviceDetached))]
[JsonSerializable(typeof(DeviceChanged))]
[JsonSerializable(typeof(UsbWatcherSnapshot))]
internal sealed partial class UsbEventJsonContext : JsonSerializerContext;
