using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;

namespace ProcessManager.Kernel;

/// <summary>
/// Runs registered tasks phase by phase in the configured order; tasks of one phase run
/// concurrently and get a token cancelled at the phase timeout. The last phase stops all actors.
/// Runs at most once: later calls return the same task.
/// </summary>
public sealed class CoordinatedShutdown
{
    public const string PhaseBeforeServiceUnbind = "before-service-unbind";
    public const string PhaseServiceUnbind = "service-unbind";
    public const string PhaseServiceRequestsDone = "service-requests-done";
    public const string PhaseServiceStop = "service-stop";
    public const string PhaseBeforeActorSystemTerminate = "before-actor-system-terminate";
    public const string PhaseActorSystemTerminate = "actor-system-terminate";

    private readonly ActorSystem _system;
    private readonly object _gate = new();

    /// <summary>Registered tasks per phase; guarded by _gate.</summary>
    private readonly Dictionary<string, List<(string Name, Func<CancellationToken, Task> Run)>> _tasks = new(StringComparer.Ordinal);

    private Task? _run;
    private PosixSignalRegistration? _sigTerm;

    internal CoordinatedShutdown(ActorSystem system)
    {
        _system = system;
        Phases = system.Settings.CoordinatedShutdown.Phases;
    }

    public static CoordinatedShutdown Get(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        return system.CoordinatedShutdown;
    }

    public IReadOnlyList<ShutdownPhase> Phases { get; }

    /// <summary>Set when shutdown starts.</summary>
    public ShutdownReason? ShutdownReason { get; private set; }

    public bool IsRunning => Volatile.Read(ref _run) is not null;

    public void AddTask(string phase, string taskName, Func<CancellationToken, Task> task)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentException.ThrowIfNullOrWhiteSpace(taskName);
        if (!Phases.Any(p => p.Name == phase))
        {
            throw new ArgumentException($"Unknown shutdown phase '{phase}'; known phases: {string.Join(", ", Phases.Select(p => p.Name))}.", nameof(phase));
        }

        lock (_gate)
        {
            if (_run is not null)
            {
                throw new InvalidOperationException($"Cannot add task '{taskName}': coordinated shutdown is already running.");
            }

            if (!_tasks.TryGetValue(phase, out var list))
            {
                _tasks[phase] = list = [];
            }

            list.Add((taskName, task));
        }
    }

    public void AddTask(string phase, string taskName, Func<Task> task)
    {
        ArgumentNullException.ThrowIfNull(task);
        AddTask(phase, taskName, _ => task());
    }

    /// <summary>Starts shutdown (once) and completes when the system has terminated.</summary>
    public Task Run(ShutdownReason? reason = null)
    {
        lock (_gate)
        {
            if (_run is null)
            {
                ShutdownReason = reason ?? Kernel.ShutdownReason.Unknown;
                _run = Task.Run(RunPhasesAsync);
            }

            return _run;
        }
    }

    /// <summary>Runs shutdown on SIGTERM (cancelling the default process exit until it finishes).
    /// Opt-in: a Generic Host owns signals itself.</summary>
    public void RegisterSigTermHandler()
    {
        lock (_gate)
        {
            _sigTerm ??= PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
            {
                context.Cancel = true;
                Run(Kernel.ShutdownReason.SigTerm).ContinueWith(static _ => Environment.Exit(0), TaskScheduler.Default);
            });
        }
    }

    private async Task RunPhasesAsync()
    {
        var skipping = false;
        foreach (var phase in Phases)
        {
            var isFinal = phase.Name == PhaseActorSystemTerminate;
            if (skipping && !isFinal)
            {
                continue;
            }

            List<(string Name, Func<CancellationToken, Task> Run)> tasks;
            lock (_gate)
            {
                tasks = _tasks.TryGetValue(phase.Name, out var list) ? [.. list] : [];
            }

            if (isFinal)
            {
                tasks.Add(("stop-actors", _ => _system.StopGuardiansAsync()));
            }

            var ok = await RunPhaseAsync(phase, tasks).ConfigureAwait(false);
            if (!ok && !phase.Recover)
            {
                skipping = true;
            }
        }

        await _system.WhenTerminated.ConfigureAwait(false);
        lock (_gate)
        {
            _sigTerm?.Dispose();
            _sigTerm = null;
        }
    }

    private async Task<bool> RunPhaseAsync(ShutdownPhase phase, List<(string Name, Func<CancellationToken, Task> Run)> tasks)
    {
        if (tasks.Count == 0)
        {
            return true;
        }

        using var timeout = new CancellationTokenSource(phase.Timeout, _system.TimeProvider);
        var running = tasks.Select(t => RunTaskAsync(phase, t.Name, t.Run, timeout.Token)).ToArray();
        try
        {
            var results = await Task.WhenAll(running).WaitAsync(phase.Timeout, _system.TimeProvider).ConfigureAwait(false);
            return results.All(static r => r);
        }
        catch (TimeoutException)
        {
            await timeout.CancelAsync().ConfigureAwait(false);
            _system.Log(LogLevel.Warning, null, "CoordinatedShutdown", typeof(CoordinatedShutdown),
                $"Shutdown phase '{phase.Name}' timed out after {phase.Timeout}; continuing{(phase.Recover ? "" : " with system termination only")}.");
            return false;
        }
    }

    private async Task<bool> RunTaskAsync(ShutdownPhase phase, string name, Func<CancellationToken, Task> run, CancellationToken token)
    {
        try
        {
            await run(token).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex)
        {
            _system.LogError(ex, "CoordinatedShutdown", typeof(CoordinatedShutdown), $"Shutdown task '{name}' in phase '{phase.Name}' failed: {ex.Message}");
            return false;
        }
    }
}
