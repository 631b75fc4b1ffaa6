namespace ProcessManager.Hocon.Tests;

/// <summary>
/// Finds the shared/ folder that CI clones beside the repository (and that sits beside the worktrees here). A test
/// that needs it skips, saying why, when it is missing on a developer's machine; under CI=true it fails instead.
/// </summary>
internal static class SharedData
{
    private static readonly Lazy<string?> Found = new(Find);

    /// <summary>shared/hocon-conformance; skips (or fails under CI) the calling test when it is missing.</summary>
    public static string ConformanceDirectory
    {
        get
        {
            if (Found.Value is { } directory)
            {
                return directory;
            }

            var why = $"shared/hocon-conformance (Lightbend's test vectors) is not in any parent of {AppContext.BaseDirectory}: "
                + "clone the shared data beside the repository (<repo>/../shared) to run this test";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail("CI=true but " + why);
            }

            Assert.Skip(why);
            return string.Empty;
        }
    }

    private static string? Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "hocon-conformance");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
