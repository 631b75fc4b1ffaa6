using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ProcessManager.Plugins.Sdk;

/// <summary>Source-generated JSON metadata: workers built on the SDK can be trimmed or compiled ahead of time.</summary>
[JsonSerializable(typeof(JsonObject))]
internal sealed partial class SdkJsonContext : JsonSerializerContext;
