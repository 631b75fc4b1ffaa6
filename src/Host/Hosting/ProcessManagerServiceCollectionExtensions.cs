using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ProcessManager.Hocon;

namespace ProcessManager.Host.Hosting;

/// <summary>The embedding entry points.</summary>
public static class ProcessManagerServiceCollectionExtensions
{
    /// <summary>The actor system's name when the process manager has one of its own (<see cref="AddProcessManager"/>).</summary>
    public const string ActorSystemName = "pbm";

    /// <summary>
    /// Adds the whole process manager to a host that has no Akka.NET of its own: an actor system (Akka.Hosting's
    /// <c>AddAkka</c>) with the process supervisor, its journal, the <c>/v1</c> API on the Unix socket (and TCP when
    /// configured) and the application's palettes, Akka's logging bridged to the host's. The daemon <c>pbmd</c> is this
    /// call and nothing else. An application that already has an Akka.Hosting actor system uses
    /// <see cref="ProcessManagerAkkaExtensions.WithProcessManager"/> on it instead.
    /// </summary>
    public static IServiceCollection AddProcessManager(this IServiceCollection services, Action<ProcessManagerBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = new ProcessManagerBuilder();
        configure?.Invoke(builder);

        services.AddSingleton(builder.Options);
        services.AddSingleton<ProcessManagerReadiness>();
        services.AddSingleton(sp => new ProcessManagerRuntime(builder, sp));

        // Before Akka's hosted service: the lock and the configuration fail the start cleanly, before any actor runs.
        services.AddHostedService<ProcessManagerStartup>();
        services.AddAkka(ActorSystemName, (akka, sp) =>
        {
            var runtime = sp.GetRequiredService<ProcessManagerRuntime>();
            akka.ConfigureLoggers(loggers =>
            {
                loggers.LogLevel = AkkaLogLevel(runtime.Setup.Config);
                loggers.ClearLoggers();
                loggers.AddLoggerFactory();
            });
            runtime.Configure(akka);
        });

        // After every Configure of the application, so a shorter HostOptions.ShutdownTimeout set there cannot win.
        services.PostConfigure<HostOptions>(host => host.ShutdownTimeout = Plan(builder.Options).EffectiveHostTimeout(host.ShutdownTimeout, builder.Options.ShutdownTimeout));
        return services;
    }

    /// <summary>
    /// The shutdown plan of the configuration the process manager will run with. The host reads its options when it is
    /// built, before anything starts, so the configuration is read here and kept. A broken configuration gives the
    /// defaults' plan; the start reports the error.
    /// </summary>
    private static ShutdownPlan Plan(ProcessManagerOptions options)
    {
        try
        {
            return ProcessManagerSetup.Load(options).Shutdown;
        }
        catch (Exception error) when (error is ConfigurationException or Actors.Processes.Configuration.ProcessSpecException)
        {
            options.Configuration = null;
            return ShutdownPlan.From(Config.Empty, []);
        }
    }

    private static Akka.Event.LogLevel AkkaLogLevel(Config config) =>
        (config.GetString("akka.loglevel", "INFO") ?? "INFO").Trim().ToUpperInvariant() switch
        {
            "DEBUG" => Akka.Event.LogLevel.DebugLevel,
            "WARNING" => Akka.Event.LogLevel.WarningLevel,
            "ERROR" or "OFF" => Akka.Event.LogLevel.ErrorLevel,
            _ => Akka.Event.LogLevel.InfoLevel,
        };
}
