using System.Diagnostics;

namespace ProcessManager.Cli.Commands.Daemon;

/// <summary>
/// Finds pbmd: <c>$PBM_DAEMON</c>, next to pbm, or in a source tree's build output (<c>dotnet run</c>, a published pbm),
/// where a ReadyToRun publish of the daemon is taken when it is newer than the build.
/// </summary>
internal static class DaemonLocator
{
    /// <summary>A start description for pbmd, or null when none is found.</summary>
    public static ProcessStartInfo? Find(Func<string, string?> environment) => Find(environment, AppContext.BaseDirectory);

    /// <summary>As <see cref="Find(Func{string, string?})"/>, for a pbm that lives in <paramref name="here"/>.</summary>
    internal static ProcessStartInfo? Find(Func<string, string?> environment, string here)
    {
        var candidates = new List<string>();
        if (environment("PBM_DAEMON") is { Length: > 0 } configured)
        {
            candidates.Add(configured);
        }

        candidates.Add(Path.Combine(here, "pbmd"));
        candidates.Add(Path.Combine(here, "pbmd.dll"));

        // A source tree: src/Cli/bin/<Configuration>/<tfm>/ (the JIT build) or .../<tfm>/<rid>/publish/ (the Native
        // AOT publish) → src/Daemon/bin/<Configuration>/<tfm>/.
        var parts = here.TrimEnd('/').Split('/');
        var bin = Array.LastIndexOf(parts, "bin");
        if (bin >= 2 && bin + 2 < parts.Length)
        {
            var src = string.Join('/', parts[..(bin - 1)]);
            candidates.Add(NewestDaemonBuild(Path.Combine(src, "Daemon", "bin", parts[bin + 1], parts[bin + 2])));
        }

        foreach (var found in candidates)
        {
            if (!File.Exists(found))
            {
                continue;
            }

            var candidate = Path.GetFullPath(found);

            if (candidate.EndsWith(".dll", StringComparison.Ordinal))
            {
                var start = new ProcessStartInfo(DotnetHost(environment));
                start.ArgumentList.Add(candidate);
                return start;
            }

            return new ProcessStartInfo(candidate);
        }

        return null;
    }

    /// <summary>
    /// In a build output folder, the ReadyToRun publish (<c>&lt;rid&gt;/publish/pbmd</c>, which starts faster) or the
    /// build's <c>pbmd.dll</c>, whichever was made last: a publish left behind by an older checkout is not preferred
    /// over a newer build.
    /// </summary>
    private static string NewestDaemonBuild(string folder)
    {
        var best = Path.Combine(folder, "pbmd.dll");
        var bestTime = File.Exists(best) ? File.GetLastWriteTimeUtc(best) : DateTime.MinValue;
        if (!Directory.Exists(folder))
        {
            return best;
        }

        foreach (var rid in Directory.EnumerateDirectories(folder))
        {
            var published = Path.Combine(rid, "publish", "pbmd");
            if (File.Exists(published) && File.GetLastWriteTimeUtc(published) > bestTime)
            {
                best = published;
                bestTime = File.GetLastWriteTimeUtc(published);
            }
        }

        return best;
    }

    private static string DotnetHost(Func<string, string?> environment)
    {
        if (environment("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host))
        {
            return host;
        }

        var self = Environment.ProcessPath;
        return self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet";
    }
}
