using System.Configuration;
using System.Configuration.Internal;
using System.Reflection;

namespace ProcessManager.Daemon;

/// <summary>
/// pbmd has no app.config, but Akka's ActorSystem.Create asks System.Configuration for an "akka" section on every start
/// (even when it is handed a complete config). Answering that from the real configuration system loads
/// System.Private.Xml and parses the implicit machine configuration: about 350 methods JIT'd and 2 MB of mapped
/// assembly on the start-up path, for a section that never exists. This installs a configuration system that has no
/// sections. It uses an internal hook of System.Configuration.ConfigurationManager; when that hook is not there (another
/// version of the package) nothing changes and the real system answers as before.
/// </summary>
internal sealed class NoAppConfig : IInternalConfigSystem
{
    public bool SupportsUserConfig => false;

    public static void Install()
    {
        var hook = typeof(ConfigurationManager).GetMethod(
            "SetConfigurationSystem",
            BindingFlags.NonPublic | BindingFlags.Static,
            [typeof(IInternalConfigSystem), typeof(bool)]);
        try
        {
            hook?.Invoke(null, [new NoAppConfig(), true]);
        }
        catch (TargetInvocationException)
        {
            // Already initialised (something read its configuration first): the real system stays.
        }
    }

    public object? GetSection(string configKey) => null;

    public void RefreshConfig(string sectionName)
    {
    }
}
