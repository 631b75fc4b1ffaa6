using Microsoft.Extensions.Logging;
using ProcessManager.Hocon;
using ProcessManager.Kernel;

namespace ProcessManager.Host.Backend;

/// <summary>
/// Maps <c>pbm.kernel { ... }</c> onto <see cref="ActorSystemSettings"/>; absent keys keep the kernel's defaults.
/// Out-of-range values are refused here, naming the key and where it was set, before the kernel sees them.
/// </summary>
internal static class KernelSettingsReader
{
    public static ActorSystemSettings Read(Config config, ILoggerFactory loggerFactory)
    {
        var defaults = ActorSystemSettings.Default;
        var kernel = config.GetConfig("pbm.kernel");
        var shutdown = kernel.GetConfig("shutdown");
        var phases = defaults.CoordinatedShutdown.Phases
            .Select(phase => phase with { Timeout = Positive(shutdown, PhaseKey(phase.Name), phase.Timeout, "pbm.kernel.shutdown.") })
            .ToList();

        return defaults with
        {
            Throughput = AtLeast(kernel, "throughput", defaults.Throughput, 1),
            StashCapacity = AtLeast(kernel, "stash-capacity", defaults.StashCapacity, 1),
            DefaultAskTimeout = Positive(kernel, "ask-timeout", defaults.DefaultAskTimeout, "pbm.kernel."),
            DeadLetterLogLimit = AtLeast(kernel, "dead-letters-log-limit", defaults.DeadLetterLogLimit, -1),
            LoggerFactory = loggerFactory,
            CoordinatedShutdown = new CoordinatedShutdownSettings { Phases = phases },
        };
    }

    /// <summary>reference.conf names each phase's timeout <c>PHASE-timeout</c>.</summary>
    private static string PhaseKey(string phase) => phase + "-timeout";

    private static int AtLeast(Config kernel, string key, int fallback, int minimum)
    {
        var value = kernel.GetInt(key, fallback);
        return value >= minimum
            ? value
            : throw new ConfigurationException($"pbm.kernel.{key} = {value}: must be at least {minimum}", kernel.GetValue(key)?.Origin);
    }

    private static TimeSpan Positive(Config block, string key, TimeSpan fallback, string prefix)
    {
        var value = block.GetTimeSpan(key, fallback);
        return value > TimeSpan.Zero
            ? value
            : throw new ConfigurationException($"{prefix}{key} = {value}: must be a positive duration", block.GetValue(key)?.Origin);
    }
}
