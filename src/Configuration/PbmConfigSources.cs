namespace ProcessManager.Configuration;

/// <summary>
/// Where configuration comes from, injectable for tests. Load order, lowest priority first:
/// reference.conf &lt; <see cref="SystemFile"/> &lt; $PBM_HOME/pbm.conf &lt; <see cref="ConfigFile"/> &lt; PBM__ environment variables.
/// </summary>
public sealed record PbmConfigSources
{
    public const string DefaultSystemFile = "/etc/pbm/pbm.conf";

    /// <summary>/etc/pbm/pbm.conf; skipped when it does not exist.</summary>
    public string? SystemFile { get; init; } = DefaultSystemFile;

    /// <summary>The daemon's home; null: $PBM_HOME, else ~/.pbm, or /var/lib/pbm when running as root.</summary>
    public string? PbmHome { get; init; }

    /// <summary>The file given with --config; it must exist.</summary>
    public string? ConfigFile { get; init; }

    /// <summary>Environment variables: PBM__ ones override settings, others serve ${VAR} substitutions.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Whether the process runs as root (uid 0), which moves the default home to /var/lib/pbm.</summary>
    public bool IsRoot { get; init; }

    /// <summary>The user's home directory, for the default ~/.pbm.</summary>
    public string? UserHome { get; init; }

    /// <summary>The real sources of this process.</summary>
    public static PbmConfigSources FromProcess(string? configFile = null)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
        {
            environment[(string)entry.Key] = (string?)entry.Value ?? string.Empty;
        }

        return new PbmConfigSources
        {
            ConfigFile = configFile,
            Environment = environment,
            IsRoot = OperatingSystem.IsLinux() && System.Environment.UserName == "root",
            UserHome = System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile),
        };
    }

    /// <summary>PBM_HOME as the loader decides it.</summary>
    public string ResolveHome()
    {
        if (!string.IsNullOrEmpty(PbmHome))
        {
            return PbmHome;
        }

        if (Environment.TryGetValue("PBM_HOME", out var fromEnvironment) && fromEnvironment.Length > 0)
        {
            return fromEnvironment;
        }

        if (IsRoot)
        {
            return "/var/lib/pbm";
        }

        var home = !string.IsNullOrEmpty(UserHome) ? UserHome : Environment.GetValueOrDefault("HOME", "/tmp");
        return Path.Combine(home, ".pbm");
    }
}
