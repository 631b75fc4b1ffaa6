using ProcessManager.Hocon;
using AkkaConfig = Akka.Configuration.Config;
using AkkaConfigurationFactory = Akka.Configuration.ConfigurationFactory;

namespace ProcessManager.Host.Hosting;

/// <summary>
/// Hands Akka the <c>akka</c> subtree of the process manager's resolved configuration. Our parser is the front end
/// (Lightbend-conformant, substitutions and includes resolved); Akka receives a plain tree, as JSON, which its own
/// parser reads unambiguously (quoted keys, no substitutions left).
/// </summary>
internal static class AkkaHocon
{
    public static AkkaConfig From(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return config.HasPath("akka")
            ? AkkaConfigurationFactory.ParseString("{\"akka\":" + config.GetConfig("akka").ToJson(indented: false) + "}")
            : AkkaConfig.Empty;
    }
}
