namespace ProcessManager.Hocon;

/// <summary>Entry points: parse HOCON text or files into a <see cref="Config"/>.</summary>
public static class ConfigurationFactory
{
    /// <summary>A config with no settings.</summary>
    public static Config Empty => Config.Empty;

    /// <summary>Parses HOCON text and (unless <see cref="HoconParseOptions.Resolve"/> is false) resolves it.</summary>
    /// <exception cref="ConfigurationException">Syntax error, unresolvable substitution or failed include.</exception>
    public static Config ParseString(string text, HoconParseOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        options ??= HoconParseOptions.Default;
        var context = new ParseContext(options);
        var root = HoconParser.Parse(text, options.OriginDescription ?? "string", options.BaseDirectory, prefix: null, context);
        return Finish(root, options);
    }

    /// <summary>Parses a .conf/.json (HOCON) or .properties file; relative includes are looked up beside it.</summary>
    /// <exception cref="ConfigurationException">Missing or unreadable file, syntax error, unresolvable substitution.</exception>
    public static Config ParseFile(string path, HoconParseOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        options ??= HoconParseOptions.Default;
        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            throw new ConfigurationException($"configuration file {fullPath} does not exist");
        }

        var root = HoconFileLoader.Load(fullPath, prefix: null, new ParseContext(options), includedFrom: null);
        return Finish(root, options);
    }

    /// <summary>Wraps a value tree built in code.</summary>
    public static Config FromObject(HoconObject root) => new(root);

    private static Config Finish(HoconObject root, HoconParseOptions options)
    {
        var config = new Config(root);
        return options.Resolve ? config.Resolve(options.ResolveOptions) : config;
    }
}
