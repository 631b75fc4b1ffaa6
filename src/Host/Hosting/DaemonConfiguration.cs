using ProcessManager.Configuration;
using ProcessManager.Hocon;

namespace ProcessManager.Host.Hosting;

/// <summary>
/// Loads the daemon's HOCON configuration in the standard order (embedded reference.conf &lt; /etc/pbm/pbm.conf
/// &lt; $PBM_HOME/pbm.conf &lt; the <c>--config</c> file &lt; PBM__ environment variables). Errors name file and line.
/// </summary>
public static class DaemonConfiguration
{
    /// <summary>The merged, resolved configuration, and warnings (unknown keys) to log.</summary>
    /// <exception cref="ConfigurationException">A file cannot be read or parsed.</exception>
    public static (Config Config, IReadOnlyList<string> Warnings) Load(string pbmHome, string? configFile)
    {
        if (configFile is not null && !File.Exists(configFile))
        {
            throw new ConfigurationException($"configuration file {configFile} does not exist");
        }

        var result = PbmConfigLoader.Load(PbmConfigSources.FromProcess(configFile) with { PbmHome = pbmHome });
        return (result.Config, result.Warnings.Select(w => w.ToString()).ToList());
    }
}
