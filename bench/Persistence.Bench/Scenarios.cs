using System.Diagnostics;
using Akka.Actor;
using Akka.Configuration;
using ProcessManager.Persistence.Configuration;

namespace ProcessManager.Persistence.Bench;

/// <summary>The measured scenarios; each runs on its own actor system over the given settings.</summary>
public static class Scenarios
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);

    /// <summary>
    /// <paramref name="actors"/> persistent actors each persist <paramref name="eventsEach"/> events, one per
    /// command; each client sends the next command only after the reply. Returns events/s and CPU ms per event.
    /// </summary>
    public static async Task<(double EventsPerSecond, double CpuMsPerEvent)> WriteAsync(
        PbmPersistenceSettings settings, string runId, int actors, int eventsEach)
    {
        var system = ActorSystem.Create("bench", ConfigFor(settings));
        try
        {
            var refs = await StartAsync(system, Enumerable.Range(0, actors).Select(i => $"{runId}-w{i}").ToList());
            var now = DateTime.UtcNow;
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var sys = Process.GetCurrentProcess().PrivilegedProcessorTime;
            var stopwatch = Stopwatch.StartNew();
            await Task.WhenAll(refs.Select(async actor =>
            {
                for (var seq = 1; seq <= eventsEach; seq++)
                {
                    await actor.Ask<Persisted>(new Record(new ProcessEvent("web", 1000 + seq, seq % 3 == 0 ? 1 : null, now)), Patience);
                }
            }));
            stopwatch.Stop();
            var cpuUsed = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            var events = actors * (double)eventsEach;
            if (Environment.GetEnvironmentVariable("PBM_BENCH_DEBUG") == "1")
            {
                Console.WriteLine($"  cpu {cpuUsed.TotalMilliseconds / events:N3} ms/event, of which kernel {(Process.GetCurrentProcess().PrivilegedProcessorTime - sys).TotalMilliseconds / events:N3}");
            }

            return (events / stopwatch.Elapsed.TotalSeconds, cpuUsed.TotalMilliseconds / events);
        }
        finally
        {
            await system.Terminate();
        }
    }

    /// <summary>Writes <paramref name="ids"/> × <paramref name="eventsEach"/> events, with a snapshot after <paramref name="snapshotAt"/> events (0 = none).</summary>
    public static async Task SeedAsync(PbmPersistenceSettings settings, string prefix, int ids, int eventsEach, int snapshotAt)
    {
        var system = ActorSystem.Create("bench-seed", ConfigFor(settings));
        try
        {
            var refs = await StartAsync(system, Enumerable.Range(0, ids).Select(i => $"{prefix}-{i}").ToList());
            var now = DateTime.UtcNow;
            var events = Enumerable.Range(1, eventsEach).Select(seq => new ProcessEvent("web", 1000 + seq, seq % 3 == 0 ? 1 : null, now)).ToList();
            await Task.WhenAll(refs.Select(async actor =>
            {
                if (snapshotAt > 0)
                {
                    await actor.Ask<Persisted>(new RecordAll(events[..snapshotAt], SnapshotAfter: true), Patience);
                    await actor.Ask<Persisted>(new RecordAll(events[snapshotAt..], SnapshotAfter: false), Patience);
                }
                else
                {
                    await actor.Ask<Persisted>(new RecordAll(events, SnapshotAfter: false), Patience);
                }
            }));
        }
        finally
        {
            await system.Terminate();
        }
    }

    /// <summary>
    /// A fresh actor system (plugins started and warm) creates one persistent actor per seeded id; the
    /// time runs from the first creation until every one reported RecoveryCompleted.
    /// </summary>
    public static async Task<TimeSpan> RecoverAsync(PbmPersistenceSettings settings, string prefix, int ids, long expectedSequenceNr)
    {
        var system = ActorSystem.Create("bench-recover", ConfigFor(settings));
        try
        {
            await StartAsync(system, [$"{prefix}-warmup"]);
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var waiter = system.ActorOf(Props.Create(() => new RecoveryWaiter(ids, expectedSequenceNr, done)));
            var stopwatch = Stopwatch.StartNew();
            for (var i = 0; i < ids; i++)
            {
                var id = $"{prefix}-{i}";
                system.ActorOf(Props.Create(() => new BenchProcessActor(id, waiter)));
            }

            await done.Task.WaitAsync(Patience);
            stopwatch.Stop();
            return stopwatch.Elapsed;
        }
        finally
        {
            await system.Terminate();
        }
    }

    private static async Task<List<IActorRef>> StartAsync(ActorSystem system, List<string> ids)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var waiter = system.ActorOf(Props.Create(() => new RecoveryWaiter(ids.Count, -1, done)));
        var refs = ids.Select(id => system.ActorOf(Props.Create(() => new BenchProcessActor(id, waiter)))).ToList();
        await done.Task.WaitAsync(Patience);
        return refs;
    }

    private static Config ConfigFor(PbmPersistenceSettings settings) =>
        PersistencePlugins.Config(settings).WithFallback(ConfigurationFactory.ParseString(
            $$"""
            akka.loglevel = WARNING
            akka.actor.serializers.bench = "{{typeof(BenchSerializer).FullName}}, {{typeof(BenchSerializer).Assembly.GetName().Name}}"
            akka.actor.serialization-bindings {
              "{{typeof(ProcessEvent).FullName}}, {{typeof(ProcessEvent).Assembly.GetName().Name}}" = bench
              "{{typeof(ProcessState).FullName}}, {{typeof(ProcessState).Assembly.GetName().Name}}" = bench
            }
            """));
}
