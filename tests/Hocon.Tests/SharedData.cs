namespace ProcessManager.Hocon.Tests;

/// <summary>Finds the shared/ folder that CI clones beside the repository (and that sits beside the worktrees here).</summary>
internal static class SharedData
{
    public static string ConformanceDirectory { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "hocon-conformance");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException(
            $"shared/hocon-conformance was not found in any parent of {AppContext.BaseDirectory}; clone the shared data beside the repository (<repo>/../shared)");
    }
}
