using System.Diagnostics;
using ProcessManager.Actors.Os;
using ProcessManager.Actors.Os.Spawning;

/// <summary>
/// What the machine itself costs right now: N `sleep 3600` spawned straight through the spawner
/// threads (no actors, no logs, no journal), timed until every posix_spawn returned. On a shared,
/// loaded machine this floor moves a lot; read the supervisor's figure against it.
/// </summary>
internal static class RawSpawnFloor
{
    public static async Task<double> MeasureAsync(int programs)
    {
        var plan = ProcessSpawner.Prepare(new SpawnRequest(["sleep", "3600"]));
        var children = new ChildProcess?[programs];
        var remaining = programs;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < programs; i++)
        {
            var slot = i;
            SpawnerPool.Shared.Post(() => ProcessSpawner.Spawn(plan), (child, error) =>
            {
                children[slot] = child;
                if (Interlocked.Decrement(ref remaining) == 0)
                {
                    done.TrySetResult();
                }
            });
        }

        await done.Task;
        var elapsed = watch.Elapsed.TotalMilliseconds;
        await Task.WhenAll(children.OfType<ChildProcess>().Select(child => child.StopAsync(Signals.SIGKILL, TimeSpan.Zero)));
        return elapsed;
    }
}
