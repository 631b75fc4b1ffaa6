using System.Diagnostics;
using ProcessManager.Kernel;

namespace ProcessManager.Persistence.Bench;

/// <summary>A process-like persistent actor: each command persists one event; the state is a small record.</summary>
public sealed class BenchProcessActor : ReceivePersistentActor
{
    private readonly string _persistenceId;
    private ProcessState _state;

    public BenchProcessActor(string persistenceId, int expectedEvents, CountdownEvent done)
    {
        _persistenceId = persistenceId;
        _state = new ProcessState(persistenceId, 0, null, []);
        Recover<SnapshotOffer>(offer => _state = (ProcessState)offer.Snapshot);
        Recover<ProcessEvent>(Apply);
        Recover<RecoveryCompleted>(_ =>
        {
            if (expectedEvents == 0)
            {
                done.Signal();
            }
        });
        Command<ProcessEvent>(e => Persist(e, persisted =>
        {
            Apply(persisted);
            if (LastSequenceNr == expectedEvents)
            {
                done.Signal();
            }
        }));
    }

    public override string PersistenceId => _persistenceId;

    private void Apply(ProcessEvent e) =>
        _state = _state with { Restarts = _state.Restarts + (e.ExitCode is null ? 0 : 1), LastPid = e.Pid };
}

public static class ActorScenarios
{
    /// <summary>Events/s from <paramref name="actors"/> persistent actors each persisting <paramref name="eventsEach"/> events, one per command.</summary>
    public static double WriteThroughput(ActorSystem system, int actors, int eventsEach, string runId)
    {
        using var done = new CountdownEvent(actors);
        var refs = Enumerable.Range(0, actors)
            .Select(i => system.ActorOf(Props.Create(() => new BenchProcessActor($"{runId}-a{i}", eventsEach, done))))
            .ToList();
        var now = DateTimeOffset.UtcNow;
        var stopwatch = Stopwatch.StartNew();
        for (var seq = 1; seq <= eventsEach; seq++)
        {
            foreach (var actor in refs)
            {
                actor.Tell(new ProcessEvent("p", 1000 + seq, seq % 3 == 0 ? 1 : null, now), ActorRefs.NoSender);
            }
        }

        if (!done.Wait(TimeSpan.FromMinutes(5)))
        {
            throw new TimeoutException("the persistent actors did not finish in 5 minutes");
        }

        stopwatch.Stop();
        refs.ForEach(system.Stop);
        return actors * (double)eventsEach / stopwatch.Elapsed.TotalSeconds;
    }

    /// <summary>Starts one persistent actor per seeded id and waits until every one completed recovery.</summary>
    public static TimeSpan RecoverAll(ActorSystem system, string prefix, int ids)
    {
        using var done = new CountdownEvent(ids);
        var stopwatch = Stopwatch.StartNew();
        var refs = Enumerable.Range(0, ids)
            .Select(i => system.ActorOf(Props.Create(() => new BenchProcessActor($"{prefix}-{i}", 0, done))))
            .ToList();
        if (!done.Wait(TimeSpan.FromMinutes(5)))
        {
            throw new TimeoutException("recovery did not finish in 5 minutes");
        }

        stopwatch.Stop();
        refs.ForEach(system.Stop);
        return stopwatch.Elapsed;
    }
}
