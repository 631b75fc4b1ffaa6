using ProcessManager.Hocon;

namespace ProcessManager.Configuration;

/// <summary>
/// `pbm config resolve [FILE] [--json]`: prints the fully resolved configuration as HOCON (or JSON). Without FILE
/// it is the daemon's configuration from every source in load order; with FILE, that file alone. Warnings go to
/// stderr; an invalid configuration prints the error (file:line) to stderr and returns exit code 1.
/// </summary>
public static class ConfigResolveCommand
{
    public const int ExitOk = 0;
    public const int ExitInvalid = 1;

    /// <param name="showSecrets">Print env values, passwords, tokens and connection strings as they are (otherwise redacted).</param>
    public static int Run(string? file, bool json, TextWriter stdout, TextWriter stderr, PbmConfigSources sources, bool showSecrets = false)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        ArgumentNullException.ThrowIfNull(sources);
        try
        {
            Config config;
            IReadOnlyList<ConfigWarning> warnings;
            if (file is null)
            {
                var result = PbmConfigLoader.Load(sources);
                config = result.Config;
                warnings = result.Warnings;
            }
            else
            {
                config = ConfigurationFactory.ParseFile(file, new HoconParseOptions { ResolveOptions = new HoconResolveOptions { Environment = sources.Environment } });
                PbmConfigValidator.RequireTopLevelProcesses(config);
                warnings = PbmConfigValidator.FindUnknownKeys(config, PbmReference.Unresolved());
            }

            foreach (var warning in warnings)
            {
                stderr.WriteLine(warning);
            }

            if (!showSecrets)
            {
                config = ConfigRedactor.Redact(config);
            }

            stdout.Write(json ? config.ToJson() : config.ToHocon());
            return ExitOk;
        }
        catch (ConfigurationException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return ExitInvalid;
        }
    }
}
