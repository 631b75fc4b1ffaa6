using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using ProcessManager.Hocon;
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

        // After every Configure of the application, so a shorter HostOptions.ShutdownTimeout set there cannot win.
        services.PostConfigure<HostOptions>(host =>
            host.ShutdownTimeout = ShutdownBudget.Effective(host.ShutdownTimeout, builder.Options.ShutdownTimeout, Budget(builder.Options)));
        return services;
    }

    /// <summary>
    /// The shutdown budget of the configuration the service will run with. The host reads its options when it is
    /// built, before the service starts, so the configuration is loaded here and kept for the service. A broken
    /// configuration is not kept: the kernel's defaults give the budget, and the service reports the error at start.
    /// </summary>
    private static TimeSpan Budget(ProcessManagerOptions options)
    {
        try
        {
            if (options.Configuration is { } given)
            {
                return ShutdownBudget.FromConfiguration(given);
            }

            var (config, warnings) = DaemonConfiguration.Load(options.PbmHome ?? PbmHome.Resolve(), options.ConfigFile);
            var budget = ShutdownBudget.FromConfiguration(config);
            options.Configuration = config;
            options.ConfigurationWarnings = warnings;
            return budget;
        }
        catch (ConfigurationException)
        {
            return ShutdownBudget.FromConfiguration(Config.Empty);
        }
    }
}
