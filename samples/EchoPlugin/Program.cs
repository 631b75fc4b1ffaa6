using System.Text.Json.Nodes;
using ProcessManager.Plugins.Sdk;

// echo: returns its params; upper: {text} -> {text} in capitals; sleep: {ms} -> waits, for long jobs;
// fail: answers with an error; whoami: {pid, jobs} so a caller can tell workers apart.
var jobs = 0;
var host = new PluginWorkerHost("echo")
    .Map("echo", (p, _) => Count(p?.DeepClone()))
    .Map("upper", (p, _) => Count(new JsonObject { ["text"] = (p?["text"]?.GetValue<string>() ?? "").ToUpperInvariant() }))
    .Map("sleep", async (p, ct) =>
    {
        await Task.Delay(p?["ms"]?.GetValue<int>() ?? 0, ct);
        jobs++;
        return new JsonObject { ["slept"] = p?["ms"]?.GetValue<int>() ?? 0, ["pid"] = Environment.ProcessId };
    })
    .Map("fail", (p, _) => throw new PluginException(p?["message"]?.GetValue<string>() ?? "asked to fail"))
    .Map("whoami", (_, _) => Count(new JsonObject { ["pid"] = Environment.ProcessId, ["jobs"] = jobs + 1 }));
return await host.RunAsync();

ValueTask<JsonNode?> Count(JsonNode? result)
{
    jobs++;
    return ValueTask.FromResult(result);
}
