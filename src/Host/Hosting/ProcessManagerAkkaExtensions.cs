using Akka.Hosting;

namespace ProcessManager.Host.Hosting;

/// <summary>The process manager in an application that already has an Akka.Hosting actor system.</summary>
public static class ProcessManagerAkkaExtensions
{
    /// <summary>
    /// Adds the process manager to <em>this</em> actor system: the process supervisor (/user/processes, in the
    /// ActorRegistry as <see cref="ProcessSupervisorKey"/>) beside the application's own actors, its journal plugin
    /// and serializer, the <c>/v1</c> API and the palettes. Call it from <c>AddAkka((akka, services) => ...)</c> with
    /// the service provider it passes. The application's own <c>akka.*</c> settings win over the process manager's.
    /// Register a <see cref="ProcessManagerReadiness"/> singleton to await the API.
    /// </summary>
    /// <exception cref="DaemonAlreadyRunningException">Another process manager holds the PBM_HOME lock.</exception>
    public static AkkaConfigurationBuilder WithProcessManager(
        this AkkaConfigurationBuilder akka, IServiceProvider services, Action<ProcessManagerBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(akka);
        ArgumentNullException.ThrowIfNull(services);
        var builder = new ProcessManagerBuilder();
        configure?.Invoke(builder);
        new ProcessManagerRuntime(builder, services).Configure(akka);
        return akka;
    }
}
