using System.Text.Json.Serialization;

namespace ProcessManager.Actors.Plugins.History;

/// <summary>Source-generated JSON contracts of what the plugin history persists.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(InvocationRecord))]
[JsonSerializable(typeof(PluginHistorySnapshot))]
internal sealed partial class PluginHistoryJsonContext : JsonSerializerContext;
