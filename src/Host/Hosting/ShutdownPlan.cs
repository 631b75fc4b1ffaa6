using ProcessManager.Actors.Processes.Protocol;
using ProcessManager.Hocon;

namespace ProcessManager.Host.Hosting;

/// <summary>
/// How long shutdown may take. Coordinated shutdown stops every program in its service-stop phase, so that phase
/// must outlast the longest stop timeout of any app (the program gets its signal, then SIGKILL at its timeout): the
/// phase timeout is raised to the longest configured stop timeout plus <see cref="StopMargin"/> when
/// <c>akka.coordinated-shutdown.phases.service-stop.timeout</c> is shorter, and an app declared later with a longer
/// stop timeout is refused. The Generic Host gets every phase at its full timeout plus <see cref="HostMargin"/>.
/// </summary>
/// <param name="ServiceStopTimeout">The service-stop phase timeout to run with.</param>
/// <param name="MaxStopTimeout">The longest stop timeout an app may have.</param>
/// <param name="HostTimeout">What the Generic Host must allow for the whole shutdown.</param>
public sealed record ShutdownPlan(TimeSpan ServiceStopTimeout, TimeSpan MaxStopTimeout, TimeSpan HostTimeout)
{
    /// <summary>Beyond a program's stop timeout: SIGKILL, its exit being seen and recorded.</summary>
    public static readonly TimeSpan StopMargin = TimeSpan.FromSeconds(5);

    /// <summary>Beyond the phases: the host's own services stopping around the actor system.</summary>
    public static readonly TimeSpan HostMargin = TimeSpan.FromSeconds(10);

    private const string Phases = "akka.coordinated-shutdown.phases";

    /// <summary>The plan for <paramref name="config"/> whose apps (declared and defaults) stop within <paramref name="stopTimeouts"/>.</summary>
    /// <exception cref="ConfigurationException">A phase timeout that is not a positive duration, naming the key.</exception>
    public static ShutdownPlan From(Config config, IEnumerable<TimeSpan> stopTimeouts)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(stopTimeouts);
        var defaultTimeout = Positive(config, "akka.coordinated-shutdown.default-phase-timeout", TimeSpan.FromSeconds(5));
        var phases = config.HasPath(Phases) ? config.GetObjectKeys(Phases) : [];
        var timeouts = phases.ToDictionary(phase => phase, phase => Positive(config, $"{Phases}.\"{phase}\".timeout", defaultTimeout), StringComparer.Ordinal);
        var configured = timeouts.GetValueOrDefault("service-stop", defaultTimeout);
        var longest = stopTimeouts.DefaultIfEmpty(TimeSpan.Zero).Max();
        var serviceStop = configured >= longest + StopMargin ? configured : longest + StopMargin;
        timeouts["service-stop"] = serviceStop;
        return new ShutdownPlan(serviceStop, serviceStop - StopMargin, timeouts.Values.Aggregate(HostMargin, (total, timeout) => total + timeout));
    }

    /// <summary>The stop timeouts that matter: the defaults every app starts from, and each declared app's.</summary>
    public static IEnumerable<TimeSpan> StopTimeouts(ProcessSpec defaults, IEnumerable<ProcessSpec> declared) =>
        declared.Select(spec => spec.Stop.Timeout).Append(defaults.Stop.Timeout);

    /// <summary>
    /// The host's timeout: the plan's, unless the host (<paramref name="hostTimeout"/>) or the application
    /// (<paramref name="requested"/>) already allows longer.
    /// </summary>
    public TimeSpan EffectiveHostTimeout(TimeSpan hostTimeout, TimeSpan? requested)
    {
        var effective = hostTimeout > HostTimeout ? hostTimeout : HostTimeout;
        return requested is { } explicitTimeout && explicitTimeout > effective ? explicitTimeout : effective;
    }

    private static TimeSpan Positive(Config config, string key, TimeSpan fallback)
    {
        var value = config.GetTimeSpan(key, fallback);
        return value > TimeSpan.Zero
            ? value
            : throw new ConfigurationException($"{key} = {value}: must be a positive duration", config.GetValue(key)?.Origin);
    }
}
