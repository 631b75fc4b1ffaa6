using ProcessManager.Actors.Processes.Events;
using ProcessManager.Persistence.Configuration;
using AkkaConfig = Akka.Configuration.Config;
using AkkaConfigurationFactory = Akka.Configuration.ConfigurationFactory;

namespace ProcessManager.Host.Hosting;

/// <summary>
/// The Akka configuration of a process manager as one plain tree, for an actor system built without Akka.Hosting
/// (tests, benchmarks). <see cref="ProcessManagerRuntime.Configure"/> composes the same parts on Akka.Hosting's builder.
/// </summary>
internal static class ProcessManagerAkkaConfig
{
    public static AkkaConfig For(ProcessManagerSetup setup)
    {
        ArgumentNullException.ThrowIfNull(setup);
        return ServiceStopTimeout(setup)
            .WithFallback(PersistencePlugins.Config(setup.Persistence))
            .WithFallback(ProcessEventSerializer.Configuration)
            .WithFallback(AkkaHocon.From(setup.Config));
    }

    /// <summary>The service-stop phase that outlasts the longest stop timeout (see <see cref="ShutdownPlan"/>).</summary>
    public static AkkaConfig ServiceStopTimeout(ProcessManagerSetup setup) => AkkaConfigurationFactory.ParseString(
        $"akka.coordinated-shutdown.phases.service-stop.timeout = {(long)setup.Shutdown.ServiceStopTimeout.TotalMilliseconds}ms");
}
