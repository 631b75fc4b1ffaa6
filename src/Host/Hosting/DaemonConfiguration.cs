using ProcessManager.Hocon;

namespace ProcessManager.Host.Hosting;

/// <summary>
/// Loads the daemon's HOCON configuration, later files winning: /etc/pbm/pbm.conf, then $PBM_HOME/pbm.conf,
/// then the <c>--config</c> file. Errors name the file and line.
/// </summary>
public static class DaemonConfiguration
{
    /// <summary>The merged, resolved configuration (empty when no file exists).</summary>
    /// <exception cref="ConfigurationException">A file cannot be read or parsed.</exception>
    public static Config Load(string pbmHome, string? configFile)
    {
        var layers = new List<string> { "/etc/pbm/pbm.conf", Path.Combine(pbmHome, "pbm.conf") };
        if (configFile is not null)
        {
            if (!File.Exists(configFile))
            {
                throw new ConfigurationException($"configuration file {configFile} does not exist");
            }

            layers.Add(configFile);
        }

        var config = Config.Empty;
        foreach (var file in layers.Where(File.Exists))
        {
            config = ConfigurationFactory.ParseFile(file, HoconParseOptions.Default with { Resolve = false }).WithFallback(config);
        }

        return config.Resolve();
    }
}
