using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ProcessManager.Kernel;

/// <summary>Kernel settings; every value has a documented default and is validated by
/// <see cref="ActorSystem.Create"/>, which names the offending property.</summary>
public sealed record ActorSystemSettings
{
    public static ActorSystemSettings Default { get; } = new();

    /// <summary>Messages an actor processes per turn before yielding its thread (default 100, ≥ 1).</summary>
    public int Throughput { get; init; } = 100;

    /// <summary>Default stash bound per actor (default 10,000, ≥ 1); <see cref="Props.StashCapacity"/> overrides.</summary>
    public int StashCapacity { get; init; } = 10_000;

    /// <summary>Ask timeout when none is given (default 30 s, must be positive).</summary>
    public TimeSpan DefaultAskTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Dead letters logged before going quiet (default 10; 0 = never, -1 = always).
    /// All are still published on the event stream.</summary>
    public int DeadLetterLogLimit { get; init; } = 10;

    /// <summary>Kernel and actor logging (default: no output).</summary>
    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;

    /// <summary>Log entries at or above this level are also published as <see cref="LogEvent"/>
    /// (default Information; <see cref="LogLevel.None"/> disables).</summary>
    public LogLevel EventStreamLogLevel { get; init; } = LogLevel.Information;

    /// <summary>Clock for timers, the scheduler, ask timeouts and restart windows (default system clock).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Phases run by <see cref="ActorSystem.Terminate"/>, in order.</summary>
    public CoordinatedShutdownSettings CoordinatedShutdown { get; init; } = new();

    /// <summary>Run coordinated shutdown on SIGTERM (default false: a Generic Host owns signals).</summary>
    public bool RunCoordinatedShutdownOnSigTerm { get; init; }

    internal void Validate()
    {
        Check(Throughput >= 1, nameof(Throughput), Throughput, "must be at least 1");
        Check(StashCapacity >= 1, nameof(StashCapacity), StashCapacity, "must be at least 1");
        Check(DefaultAskTimeout > TimeSpan.Zero, nameof(DefaultAskTimeout), DefaultAskTimeout, "must be positive");
        Check(DeadLetterLogLimit >= -1, nameof(DeadLetterLogLimit), DeadLetterLogLimit, "must be -1 (always), 0 (never) or a positive count");
        ArgumentNullException.ThrowIfNull(LoggerFactory, nameof(LoggerFactory));
        ArgumentNullException.ThrowIfNull(TimeProvider, nameof(TimeProvider));
        ArgumentNullException.ThrowIfNull(CoordinatedShutdown, nameof(CoordinatedShutdown));
        CoordinatedShutdown.Validate();
    }

    internal static void Check(bool ok, string name, object value, string rule)
    {
        if (!ok)
        {
            throw new ArgumentOutOfRangeException(name, value, $"ActorSystemSettings.{name} {rule} (was {value}).");
        }
    }
}

/// <summary>One shutdown phase: tasks in it run concurrently, and the phase ends when they all
/// finish or <see cref="Timeout"/> passes. With <see cref="Recover"/> false, a failed or timed-out
/// phase skips the remaining phases except the final system termination.</summary>
public sealed record ShutdownPhase(string Name, TimeSpan Timeout, bool Recover = true);

public sealed record CoordinatedShutdownSettings
{
    /// <summary>Default order: before-service-unbind, service-unbind, service-requests-done,
    /// service-stop, before-actor-system-terminate, actor-system-terminate; 5 s each except
    /// service-requests-done and actor-system-terminate (10 s).</summary>
    public IReadOnlyList<ShutdownPhase> Phases { get; init; } =
    [
        new(Kernel.CoordinatedShutdown.PhaseBeforeServiceUnbind, TimeSpan.FromSeconds(5)),
        new(Kernel.CoordinatedShutdown.PhaseServiceUnbind, TimeSpan.FromSeconds(5)),
        new(Kernel.CoordinatedShutdown.PhaseServiceRequestsDone, TimeSpan.FromSeconds(10)),
        new(Kernel.CoordinatedShutdown.PhaseServiceStop, TimeSpan.FromSeconds(5)),
        new(Kernel.CoordinatedShutdown.PhaseBeforeActorSystemTerminate, TimeSpan.FromSeconds(5)),
        new(Kernel.CoordinatedShutdown.PhaseActorSystemTerminate, TimeSpan.FromSeconds(10)),
    ];

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(Phases, nameof(Phases));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var phase in Phases)
        {
            if (string.IsNullOrWhiteSpace(phase.Name) || !seen.Add(phase.Name))
            {
                throw new ArgumentException($"CoordinatedShutdown.Phases: phase name '{phase.Name}' is empty or repeated.", nameof(Phases));
            }

            if (phase.Timeout <= TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(Phases), phase.Timeout, $"CoordinatedShutdown.Phases: timeout of phase '{phase.Name}' must be positive.");
            }
        }

        if (Phases.Count == 0 || Phases[^1].Name != Kernel.CoordinatedShutdown.PhaseActorSystemTerminate)
        {
            throw new ArgumentException($"CoordinatedShutdown.Phases must end with '{Kernel.CoordinatedShutdown.PhaseActorSystemTerminate}'.", nameof(Phases));
        }
    }
}
