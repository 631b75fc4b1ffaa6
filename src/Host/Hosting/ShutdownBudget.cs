using Microsoft.Extensions.Logging.Abstractions;
using ProcessManager.Hocon;
using ProcessManager.Host.Backend;

namespace ProcessManager.Host.Hosting;

/// <summary>
/// How long the Generic Host may take to stop the process manager: every coordinated-shutdown phase
/// (<c>pbm.kernel.shutdown.*</c>) at its full timeout, one after another, plus <see cref="Margin"/> for the API
/// to stop and the journal to flush. A shorter host timeout would abandon programs while they are being stopped.
/// </summary>
internal static class ShutdownBudget
{
    /// <summary>Time beyond the phases: the API server stopping before them and the journal flush after them.</summary>
    public static readonly TimeSpan Margin = TimeSpan.FromSeconds(10);

    /// <summary>The sum of the configured phase timeouts plus <see cref="Margin"/>.</summary>
    /// <exception cref="ConfigurationException">A phase timeout is not a positive duration.</exception>
    public static TimeSpan FromConfiguration(Config config)
    {
        var phases = KernelSettingsReader.Read(config, NullLoggerFactory.Instance).CoordinatedShutdown.Phases;
        return phases.Aggregate(Margin, (total, phase) => total + phase.Timeout);
    }

    /// <summary>
    /// The host's timeout: the budget of the configuration, unless the host (<paramref name="hostTimeout"/>) or the
    /// application (<paramref name="requested"/>) already allows longer.
    /// </summary>
    public static TimeSpan Effective(TimeSpan hostTimeout, TimeSpan? requested, TimeSpan budget)
    {
        var effective = hostTimeout > budget ? hostTimeout : budget;
        return requested is { } explicitTimeout && explicitTimeout > effective ? explicitTimeout : effective;
    }
}
