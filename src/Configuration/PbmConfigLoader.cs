using ProcessManager.Hocon;

namespace ProcessManager.Configuration;

/// <summary>
/// Loads the daemon's configuration: reference.conf &lt; /etc/pbm/pbm.conf &lt; $PBM_HOME/pbm.conf &lt; --config FILE
/// &lt; PBM__ environment variables, merged unresolved and then resolved once, so a file may refer to settings
/// of another (${pbm.home}) and extend them (path = ${path} [x]).
/// </summary>
public static class PbmConfigLoader
{
    public const string HomeFileName = "pbm.conf";

    /// <exception cref="ConfigurationException">A file is invalid, --config names a missing file, a substitution fails, or
    /// programs are declared under pbm.processes instead of the top-level processes block.</exception>
    public static PbmConfigLoadResult Load(PbmConfigSources sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var warnings = new List<ConfigWarning>();
        var files = new List<string>();
        var unresolved = new HoconParseOptions { Resolve = false };
        var reference = PbmReference.Unresolved();

        var home = sources.ResolveHome();
        var homeOrigin = new HoconOrigin(sources.PbmHome is not null || sources.Environment.ContainsKey("PBM_HOME") ? "PBM_HOME" : "default PBM_HOME", 0);
        var homeSetting = new HoconObject(
            [new KeyValuePair<string, HoconValue>("pbm", new HoconObject([new KeyValuePair<string, HoconValue>("home", new HoconString(home, homeOrigin))], homeOrigin))],
            homeOrigin);
        var merged = new Config(homeSetting).WithFallback(reference);

        foreach (var (file, required) in new[] { (sources.SystemFile, false), (Path.Combine(home, HomeFileName), false), (sources.ConfigFile, true) })
        {
            if (string.IsNullOrEmpty(file))
            {
                continue;
            }

            if (!required && !File.Exists(file))
            {
                continue;
            }

            merged = ConfigurationFactory.ParseFile(file, unresolved).WithFallback(merged);
            files.Add(Path.GetFullPath(file));
        }

        merged = EnvironmentOverrides.ToConfig(sources.Environment, warnings).WithFallback(merged);
        var resolved = merged.Resolve(new HoconResolveOptions { Environment = sources.Environment });
        PbmConfigValidator.RequireTopLevelProcesses(resolved);
        warnings.AddRange(PbmConfigValidator.FindUnknownKeys(resolved, reference));
        return new PbmConfigLoadResult(resolved, warnings, files);
    }
}
