using System.Collections.Frozen;

namespace ProcessManager.Host.Observability.Dashboard;

/// <summary>
/// The dashboard's static files, embedded in the assembly (wwwroot, logical names <c>dashboard/FILE</c>): served by
/// exact name from this table, so no request path reaches the file system.
/// </summary>
internal static class DashboardAssets
{
    private const string ResourcePrefix = "dashboard/";

    private static readonly Lazy<FrozenDictionary<string, Asset>> Files = new(Load);

    public static Asset? Find(string name) => Files.Value.TryGetValue(name, out var asset) ? asset : null;

    public static IReadOnlyCollection<string> Names => Files.Value.Keys;

    private static FrozenDictionary<string, Asset> Load()
    {
        var assembly = typeof(DashboardAssets).Assembly;
        var files = new Dictionary<string, Asset>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            var name = resource[ResourcePrefix.Length..];
            files[name] = new Asset(memory.ToArray(), ContentType(name));
        }

        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static string ContentType(string name) => Path.GetExtension(name) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".svg" => "image/svg+xml",
        _ => "text/plain; charset=utf-8",
    };
}

/// <summary>One embedded file.</summary>
internal sealed record Asset(byte[] Content, string ContentType);
