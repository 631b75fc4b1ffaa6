using System.Diagnostics;
using ProcessManager.Persistence.Journal;
using ProcessManager.Persistence.Snapshots;

namespace ProcessManager.Persistence.Bench;

/// <summary>Scenarios driving the store directly: each writer awaits every write, as a persistent actor does.</summary>
public static class StoreScenarios
{
    /// <summary>Events/s from <paramref name="writers"/> concurrent writers, each writing <paramref name="eventsEach"/> one at a time.</summary>
    public static async Task<double> WriteThroughputAsync(IPersistenceStore store, int writers, int eventsEach, string runId)
    {
        var now = DateTimeOffset.UtcNow;
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            var id = $"{runId}-w{w}";
            for (var seq = 1; seq <= eventsEach; seq++)
            {
                await store.WriteAsync([new PersistentEvent(id, seq, new ProcessEvent(id, 1000 + seq, seq % 3 == 0 ? 1 : null, now))]);
            }
        })));
        stopwatch.Stop();
        return writers * (double)eventsEach / stopwatch.Elapsed.TotalSeconds;
    }

    /// <summary>Writes <paramref name="ids"/> × <paramref name="eventsEach"/> events with a snapshot at <paramref name="snapshotAt"/>.</summary>
    public static async Task SeedAsync(IPersistenceStore store, string prefix, int ids, int eventsEach, int snapshotAt)
    {
        var now = DateTimeOffset.UtcNow;
        await Task.WhenAll(Enumerable.Range(0, ids).Select(async i =>
        {
            var id = $"{prefix}-{i}";
            var events = Enumerable.Range(1, eventsEach)
                .Select(seq => new PersistentEvent(id, seq, new ProcessEvent(id, 1000 + seq, seq % 3 == 0 ? 1 : null, now)))
                .ToList();
            await store.WriteAsync(events);
            await store.SaveSnapshotAsync(new SnapshotMetadata(id, snapshotAt, now), new ProcessState(id, snapshotAt / 3, 1000 + snapshotAt, [1, 1, 1]));
        }));
    }

    /// <summary>Recovers every id as a persistent actor would: latest snapshot, then the events after it. Returns the time.</summary>
    public static async Task<TimeSpan> RecoverAllAsync(IPersistenceStore store, string prefix, int ids, int parallelism)
    {
        var stopwatch = Stopwatch.StartNew();
        var replayed = 0L;
        await Parallel.ForEachAsync(Enumerable.Range(0, ids), new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (i, ct) =>
        {
            var id = $"{prefix}-{i}";
            var snapshot = await store.LoadSnapshotAsync(id, SnapshotSelectionCriteria.Latest, ct);
            var from = (snapshot?.Metadata.SequenceNr ?? 0) + 1;
            var restarts = ((ProcessState?)snapshot?.Snapshot)?.Restarts ?? 0;
            await foreach (var e in store.ReadEventsAsync(id, from, long.MaxValue, long.MaxValue, ct))
            {
                restarts += ((ProcessEvent)e.Payload).ExitCode is null ? 0 : 1;
                Interlocked.Increment(ref replayed);
            }

            _ = await store.ReadHighestSequenceNrAsync(id, ct);
        });
        stopwatch.Stop();
        if (replayed == 0)
        {
            throw new InvalidOperationException("recovery replayed nothing: the seed did not work");
        }

        return stopwatch.Elapsed;
    }
}
