using ProcessManager.Hocon;

namespace ProcessManager.Configuration;

/// <summary>
/// Settings from environment variables, the highest-priority source. A variable named PBM__ followed by the
/// path overrides that setting: the prefix is removed, a double underscore separates keys (a dot), a single
/// underscore becomes a dash, and keys are lower-cased. PBM__PBM__API__TCP__PORT=9000 sets pbm.api.tcp.port,
/// PBM__PBM__PROCESS_DEFAULTS__STOP__TIMEOUT=5s sets pbm.process-defaults.stop.timeout and
/// PBM__PROCESSES__WEB__INSTANCES=3 sets processes.web.instances. Values are strings (the getters convert
/// "9000", "on", "5s"); a value starting with '[' or '{' is read as a HOCON array or object.
/// </summary>
public static class EnvironmentOverrides
{
    public const string Prefix = "PBM__";

    /// <summary>Maps a variable name to its path; null when it is not a PBM__ variable or is malformed.</summary>
    public static HoconPath? PathOf(string variableName)
    {
        ArgumentNullException.ThrowIfNull(variableName);
        if (!variableName.StartsWith(Prefix, StringComparison.Ordinal) || variableName.Length == Prefix.Length)
        {
            return null;
        }

        var segments = variableName[Prefix.Length..].Split("__");
        if (Array.Exists(segments, s => s.Length == 0 || s.StartsWith('_') || s.EndsWith('_')))
        {
            return null;
        }

        return new HoconPath([.. segments.Select(s => s.ToLowerInvariant().Replace('_', '-'))]);
    }

    public static Config ToConfig(IReadOnlyDictionary<string, string> environment, List<ConfigWarning> warnings)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(warnings);
        var config = Config.Empty;
        foreach (var (name, value) in environment.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            if (!name.StartsWith(Prefix, StringComparison.Ordinal))
            {
                continue;
            }

            var origin = new HoconOrigin($"environment variable {name}", 0);
            if (PathOf(name) is not { } path)
            {
                warnings.Add(new ConfigWarning(name, $"environment variable {name} is ignored: expected PBM__KEY__SUB_KEY (double underscore between keys)", origin));
                continue;
            }

            HoconValue setting = ParseValue(value, origin, name, warnings);
            for (var i = path.Length - 1; i >= 0; i--)
            {
                setting = new HoconObject([new KeyValuePair<string, HoconValue>(path[i], setting)], origin);
            }

            config = new Config((HoconObject)setting).WithFallback(config);
        }

        return config;
    }

    private static HoconValue ParseValue(string value, HoconOrigin origin, string name, List<ConfigWarning> warnings)
    {
        var trimmed = value.Trim();
        if (trimmed.StartsWith('[') || trimmed.StartsWith('{'))
        {
            try
            {
                var parsed = ConfigurationFactory.ParseString($"v = {trimmed}", new HoconParseOptions { OriginDescription = origin.Description, Resolve = false });
                if (parsed.Root.TryGetValue("v", out var v))
                {
                    return v;
                }
            }
            catch (ConfigurationException e)
            {
                warnings.Add(new ConfigWarning(name, $"environment variable {name} is not a valid HOCON array/object ({e.Message}); using it as a string", origin));
            }
        }

        return new HoconString(value, origin);
    }
}
