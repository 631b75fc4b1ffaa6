using Microsoft.Extensions.Logging;
using ProcessManager.Hocon;
using ProcessManager.Kernel;

namespace ProcessManager.Host.Backend;

/// <summary>Maps <c>pbm.kernel { ... }</c> onto <see cref="ActorSystemSettings"/>; absent keys keep the kernel's defaults.</summary>
internal static class KernelSettingsReader
{
    public static ActorSystemSettings Read(Config config, ILoggerFactory loggerFactory)
    {
        var defaults = ActorSystemSettings.Default;
        var kernel = config.GetConfig("pbm.kernel");
        var shutdown = kernel.GetConfig("shutdown");
        var phases = defaults.CoordinatedShutdown.Phases
            .Select(phase => phase with { Timeout = shutdown.GetTimeSpan(PhaseKey(phase.Name), phase.Timeout) })
            .ToList();

        return defaults with
        {
            Throughput = kernel.GetInt("throughput", defaults.Throughput),
            StashCapacity = kernel.GetInt("stash-capacity", defaults.StashCapacity),
            DefaultAskTimeout = kernel.GetTimeSpan("ask-timeout", defaults.DefaultAskTimeout),
            DeadLetterLogLimit = kernel.GetInt("dead-letters-log-limit", defaults.DeadLetterLogLimit),
            LoggerFactory = loggerFactory,
            CoordinatedShutdown = new CoordinatedShutdownSettings { Phases = phases },
        };
    }

    /// <summary>reference.conf names each phase's timeout <c>PHASE-timeout</c>.</summary>
    private static string PhaseKey(string phase) => phase + "-timeout";
}
