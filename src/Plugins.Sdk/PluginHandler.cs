using System.Text.Json.Nodes;

namespace ProcessManager.Plugins.Sdk;

/// <summary>Handles one method: gets the request's params, returns its result (or throws <see cref="PluginException"/>).</summary>
public delegate ValueTask<JsonNode?> PluginHandler(JsonNode? parameters, CancellationToken cancellationToken);
