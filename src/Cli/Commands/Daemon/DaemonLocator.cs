using System.Diagnostics;

namespace ProcessManager.Cli.Commands.Daemon;

/// <summary>Finds pbmd: <c>$PBM_DAEMON</c>, next to pbm, or in a source tree's build output (<c>dotnet run</c>, a published pbm).</summary>
internal static class DaemonLocator
{
    /// <summary>A start description for pbmd, or null when none is found.</summary>
    public static ProcessStartInfo? Find(Func<string, string?> environment)
    {
        var candidates = new List<string>();
        if (environment("PBM_DAEMON") is { Length: > 0 } configured)
        {
            candidates.Add(configured);
        }

        var here = AppContext.BaseDirectory;
        candidates.Add(Path.Combine(here, "pbmd"));
        candidates.Add(Path.Combine(here, "pbmd.dll"));

        // A source tree: src/Cli/bin/<Configuration>/<tfm>/ (the JIT build) or .../<tfm>/<rid>/publish/ (the Native
        // AOT publish) → src/Daemon/bin/<Configuration>/<tfm>/.
        var parts = here.TrimEnd('/').Split('/');
        var bin = Array.LastIndexOf(parts, "bin");
        if (bin >= 2 && bin + 2 < parts.Length)
        {
            var src = string.Join('/', parts[..(bin - 1)]);
            candidates.Add(Path.Combine(src, "Daemon", "bin", parts[bin + 1], parts[bin + 2], "pbmd.dll"));
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
