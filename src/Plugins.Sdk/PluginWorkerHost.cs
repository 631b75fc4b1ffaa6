using System.Text.Json;
using System.Text.Json.Nodes;

namespace ProcessManager.Plugins.Sdk;

/// <summary>
/// The request loop of a worker: answers hello, reads one request frame after the other from stdin, calls the
/// handler mapped to its method and writes the response frame to stdout. Log to stderr (the daemon keeps it);
/// never write anything else to stdout.
/// </summary>
/// <example>
/// <code>
/// var host = new PluginWorkerHost("echo");
/// host.Map("echo", (p, _) => ValueTask.FromResult(p?.DeepClone()));
/// return await host.RunAsync();
/// </code>
/// </example>
public sealed class PluginWorkerHost
{
    private readonly Dictionary<string, PluginHandler> _handlers = new(StringComparer.Ordinal);
    private readonly string _name;

    public PluginWorkerHost(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _name = name;
    }

    /// <summary>Frames larger than this are refused (the daemon's limit applies to what it reads) [16 MiB].</summary>
    public int MaxFrameBytes { get; init; } = PluginProtocol.DefaultMaxFrameBytes;

    /// <summary>Maps <paramref name="method"/> to <paramref name="handler"/> (replacing an earlier mapping).</summary>
    public PluginWorkerHost Map(string method, PluginHandler handler)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(method);
        ArgumentNullException.ThrowIfNull(handler);
        _handlers[method] = handler;
        return this;
    }

    /// <summary>Serves stdin/stdout until stdin ends; returns the process exit code (0, or 2 on a protocol error).</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        await using var input = Console.OpenStandardInput();
        await using var output = Console.OpenStandardOutput();
        return await RunAsync(input, output, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Serves <paramref name="input"/>/<paramref name="output"/> until the input ends.</summary>
    public async Task<int> RunAsync(Stream input, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        while (true)
        {
            byte[]? frame;
            try
            {
                frame = await Frames.ReadAsync(input, MaxFrameBytes, cancellationToken).ConfigureAwait(false);
            }
            catch (FrameException e)
            {
                await Console.Error.WriteLineAsync($"{_name}: {e.Message}").ConfigureAwait(false);
                return 2;
            }
            if (frame is null)
            {
                return 0;
            }
            var response = await HandleAsync(frame, cancellationToken).ConfigureAwait(false);
            await Frames.WriteAsync(output, JsonSerializer.SerializeToUtf8Bytes(response, SdkJsonContext.Default.JsonObject), MaxFrameBytes, cancellationToken).ConfigureAwait(false);
        }
    }

    private async ValueTask<JsonObject> HandleAsync(byte[] frame, CancellationToken cancellationToken)
    {
        JsonNode? id = null;
        try
        {
            if (JsonNode.Parse(frame) is not JsonObject request)
            {
                return Error(null, "bad-request", "a request is a JSON object {id, method, params}");
            }
            id = request["id"]?.DeepClone();
            var method = request["method"]?.GetValue<string>();
            if (method == PluginProtocol.HelloMethod)
            {
                return new JsonObject { ["id"] = id, ["result"] = new JsonObject { ["protocol"] = PluginProtocol.Version, ["name"] = _name } };
            }
            if (method is null || !_handlers.TryGetValue(method, out var handler))
            {
                return Error(id, "unknown-method", $"{_name} has no method '{method}'");
            }
            var result = await handler(request["params"], cancellationToken).ConfigureAwait(false);
            return new JsonObject { ["id"] = id, ["result"] = result };
        }
        catch (PluginException e)
        {
            return Error(id, "failed", e.Message);
        }
        catch (JsonException e)
        {
            return Error(id, "bad-request", e.Message);
        }
        catch (InvalidOperationException e)
        {
            return Error(id, "bad-request", e.Message);
        }
    }

    private static JsonObject Error(JsonNode? id, string code, string message) =>
        new() { ["id"] = id, ["error"] = new JsonObject { ["code"] = code, ["message"] = message } };
}
