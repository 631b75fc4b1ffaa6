using System.Security.Cryptography;
using System.Text;

namespace ProcessManager.Actors.Plugins.Manifests;

/// <summary>A plugin folder found by a scan: its manifest, or why it cannot be used.</summary>
/// <param name="Fingerprint">Changes when the manifest or any file of the folder changes (name, size, modification time).</param>
public sealed record DiscoveredPlugin(string Directory, PluginManifest? Manifest, IReadOnlyList<string> Errors, string Fingerprint);

/// <summary>
/// Finds plugins: each sub-folder of a configured directory that holds the manifest file. Runs on the thread pool
/// (file I/O), never on an actor's mailbox thread.
/// </summary>
internal static class PluginDiscovery
{
    /// <summary>Files of a plugin folder looked at for its fingerprint, at most (a bound on a scan's work).</summary>
    private const int MaxFingerprintFiles = 2000;

    public static IReadOnlyList<DiscoveredPlugin> Scan(PluginHostSettings settings, ManifestCache cache)
    {
        var found = new List<DiscoveredPlugin>();
        foreach (var root in settings.Directories)
        {
            if (!Directory.Exists(root))
            {
                continue;
            }
            IEnumerable<string> folders;
            try
            {
                folders = Directory.GetDirectories(root).Order(StringComparer.Ordinal);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                found.Add(new DiscoveredPlugin(root, null, [$"{root}: cannot list the plugin directory: {e.Message}"], ""));
                continue;
            }
            foreach (var folder in folders)
            {
                var manifestPath = Path.Combine(Path.GetFullPath(folder), settings.ManifestFileName);
                if (!File.Exists(manifestPath))
                {
                    continue;
                }
                found.Add(Read(Path.GetFullPath(folder), manifestPath, settings, cache));
            }
        }
        return found;
    }

    /// <summary>Reads one plugin folder now, past the cache (a reload asked for by hand).</summary>
    public static DiscoveredPlugin ReadFolder(string folder, PluginHostSettings settings) =>
        Read(folder, Path.Combine(folder, settings.ManifestFileName), settings, cache: null);

    private static DiscoveredPlugin Read(string folder, string manifestPath, PluginHostSettings settings, ManifestCache? cache)
    {
        try
        {
            var bytes = File.ReadAllBytes(manifestPath);
            var manifest = cache is null ? ManifestParser.Parse(bytes, manifestPath, settings) : cache.GetOrParse(manifestPath, bytes, settings);
            return new DiscoveredPlugin(folder, manifest, [], Fingerprint(folder, manifest.Checksum));
        }
        catch (ManifestException e)
        {
            return new DiscoveredPlugin(folder, null, e.Errors, "");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new DiscoveredPlugin(folder, null, [$"{manifestPath}: cannot read the manifest: {e.Message}"], "");
        }
    }

    private static string Fingerprint(string folder, string checksum)
    {
        var text = new StringBuilder(checksum);
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = 0 };
        // Python's byte-code cache is written by the worker itself: it must not make the plugin look changed.
        var files = Directory.EnumerateFiles(folder, "*", options)
            .Where(static f => !f.Contains("/__pycache__/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Take(MaxFingerprintFiles);
        foreach (var file in files)
        {
            var info = new FileInfo(file);
            text.Append('\n').Append(file).Append(' ').Append(info.Length).Append(' ').Append(info.LastWriteTimeUtc.Ticks);
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
