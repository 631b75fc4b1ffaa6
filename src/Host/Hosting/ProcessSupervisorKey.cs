namespace ProcessManager.Host.Hosting;

/// <summary>
/// The ActorRegistry key of the process supervisor (/user/processes): resolve it with
/// <c>IRequiredActor&lt;ProcessSupervisorKey&gt;</c> or <c>ActorRegistry.Get&lt;ProcessSupervisorKey&gt;()</c>.
/// </summary>
public sealed class ProcessSupervisorKey;
