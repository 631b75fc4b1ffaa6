using System.Text.Json.Serialization;

namespace ProcessManager.Actors.Plugins;

/// <summary>Source-generated JSON for the few values the plugin host writes itself.</summary>
[JsonSerializable(typeof(string))]
internal sealed partial class PluginJsonContext : JsonSerializerContext;
