using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using ProcessManager.Host.Backend;
using ProcessManager.Host.Palettes;

namespace ProcessManager.Host.Hosting;

/// <summary>The embedding entry point.</summary>
public static class ProcessManagerServiceCollectionExtensions
{
    /// <summary>
    /// Adds the whole process manager to a host: the actor system with its processes, the <c>/v1</c> API on the
    /// Unix socket (and TCP when configured) and the application's palettes. The daemon <c>pbmd</c> is this call and nothing else.
    /// </summary>
    public static IServiceCollection AddProcessManager(this IServiceCollection services, Action<ProcessManagerBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = new ProcessManagerBuilder(services);
        configure?.Invoke(builder);

        services.AddSingleton(builder.Options);
        services.AddSingleton(new PaletteRegistry(builder.Palettes));
        services.AddSingleton<ProcessManagerReadiness>();
        services.TryAddSingleton<IProcessBackend, ActorProcessBackend>();
        services.AddHostedService<ProcessManagerService>();
        services.Configure<HostOptions>(host =>
        {
            if (host.ShutdownTimeout < builder.Options.ShutdownTimeout)
            {
                host.ShutdownTimeout = builder.Options.ShutdownTimeout;
            }
        });
        return services;
    }
}
