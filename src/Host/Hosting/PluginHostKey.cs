namespace ProcessManager.Host.Hosting;

/// <summary>
/// The ActorRegistry key of the plugin host (/user/plugins): resolve it with <c>IRequiredActor&lt;PluginHostKey&gt;</c>
/// and send it <c>InvokePlugin(name, method, paramsJson)</c> (ProcessManager.Actors.Plugins.Messages).
/// </summary>
public sealed class PluginHostKey;
