namespace ProcessManager.Cli.Infrastructure;

/// <summary>Where pbm looks for state: the same PBM_HOME rule as the daemon, and the contexts file.</summary>
internal static class PbmPaths
{
    /// <summary><c>$PBM_HOME</c>, else <c>/var/lib/pbm</c> for root, else <c>~/.pbm</c>.</summary>
    public static string Home(Func<string, string?> environment)
    {
        var fromEnvironment = environment("PBM_HOME");
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return Path.GetFullPath(fromEnvironment);
        }

        return Environment.UserName == "root" ? "/var/lib/pbm" : Path.Combine(UserHome(environment), ".pbm");
    }

    /// <summary>The named contexts file: <c>$PBM_CONTEXTS</c>, else <c>~/.pbm/contexts</c>.</summary>
    public static string ContextsFile(Func<string, string?> environment) =>
        environment("PBM_CONTEXTS") is { Length: > 0 } file ? file : Path.Combine(UserHome(environment), ".pbm", "contexts");

    /// <summary>The interactive console's history file: <c>$PBM_HOME/history</c>, else <c>~/.pbm/history</c>.</summary>
    public static string HistoryFile(Func<string, string?> environment) =>
        environment("PBM_HOME") is { Length: > 0 } home && !string.IsNullOrWhiteSpace(home)
            ? Path.Combine(Path.GetFullPath(home), "history")
            : Path.Combine(UserHome(environment), ".pbm", "history");

    /// <summary>A leading <c>~/</c> of a stored path made the user's home (kept when HOME is unset or empty).</summary>
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(path))]
    public static string? ExpandHome(string? path, Func<string, string?> environment) =>
        path is not null && path.StartsWith("~/", StringComparison.Ordinal) && environment("HOME") is { Length: > 0 } home ? Path.Combine(home, path[2..]) : path;

    private static string UserHome(Func<string, string?> environment) =>
        environment("HOME") is { Length: > 0 } home ? home : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
}
