using System.Runtime.Versioning;
using ProcessManager.Actors.Os;
using ProcessManager.Actors.Os.Spawning;
using Xunit;

namespace ProcessManager.Actors.Tests.Os;

[SupportedOSPlatform("linux")]
public sealed class SpawnerPoolTests
{
    [Fact]
    public async Task Work_runs_on_a_spawner_thread_not_the_thread_pool()
    {
        using var pool = new SpawnerPool(new SpawnerPoolSettings { Threads = 1, Capacity = 4, PoolThreadSpawns = 0 });
        var ran = new TaskCompletionSource<(string? Name, bool PoolThread)>(TaskCreationOptions.RunContinuationsAsynchronously);

        pool.Post(() => (Thread.CurrentThread.Name, Thread.CurrentThread.IsThreadPoolThread), (result, _) => ran.TrySetResult(result));

        var (name, poolThread) = await ran.Task.Within();
        Assert.Equal("pbm-spawner-0", name);
        Assert.False(poolThread);
    }

    [Fact]
    public async Task A_lone_spawn_posted_from_the_pool_stays_there_and_a_concurrent_one_goes_to_a_spawner_thread()
    {
        using var pool = new SpawnerPool(new SpawnerPoolSettings { Threads = 1, Capacity = 4, PoolThreadSpawns = 1 });
        using var hold = new ManualResetEventSlim();
        var first = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var second = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);

        await Task.Run(() =>
        {
            // The first holds its pool thread until the second has run, so both are in flight together.
            pool.Post(() => hold.Wait(OsTestScope.Patience) && Thread.CurrentThread.IsThreadPoolThread, (onPool, _) => first.TrySetResult(onPool));
            pool.Post(() => Thread.CurrentThread.Name, (name, _) =>
            {
                second.TrySetResult(name);
                hold.Set();
            });
        }, TestContext.Current.CancellationToken);

        Assert.Equal("pbm-spawner-0", await second.Task.Within());
        Assert.True(await first.Task.Within());
    }

    [Fact]
    public async Task A_failing_spawn_reaches_the_callback_and_the_thread_keeps_serving()
    {
        using var pool = new SpawnerPool(new SpawnerPoolSettings { Threads = 1, Capacity = 4, PoolThreadSpawns = 0 });
        var failed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var next = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);

        pool.Post<int>(() => throw new InvalidOperationException("no such binary"), (_, error) => failed.TrySetResult(error));
        pool.Post(() => 42, (value, _) => next.TrySetResult(value));

        Assert.Equal("no such binary", (await failed.Task.Within())?.Message);
        Assert.Equal(42, await next.Task.Within());
    }

    [Fact]
    public async Task Posting_beyond_capacity_never_blocks_the_caller_and_loses_nothing()
    {
        using var pool = new SpawnerPool(new SpawnerPoolSettings { Threads = 1, Capacity = 2, PoolThreadSpawns = 0 });
        var gate = new ManualResetEventSlim();
        var results = new System.Collections.Concurrent.ConcurrentQueue<int>();
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        const int items = 50;

        for (var i = 0; i < items; i++)
        {
            var value = i;
            // The first item holds the only thread; the rest pile up far beyond the capacity of 2.
            pool.Post(() => value == 0 ? (gate.Wait(OsTestScope.Patience) ? value : -1) : value, (result, _) =>
            {
                results.Enqueue(result);
                if (results.Count == items)
                {
                    all.TrySetResult();
                }
            });
        }

        gate.Set();
        await all.Task.Within();
        Assert.Equal(Enumerable.Range(0, items), results.Order());
        gate.Dispose();
    }

    [Fact]
    public async Task A_prepared_plan_spawns_the_same_program_again()
    {
        await using var scope = new OsTestScope();
        var plan = ProcessSpawner.Prepare(new SpawnRequest(["sh", "-c", "exit 3"]));

        var first = scope.Track(ProcessSpawner.Spawn(plan));
        var second = scope.Track(ProcessSpawner.Spawn(plan));

        Assert.NotEqual(first.Pid, second.Pid);
        Assert.Equal(3, (await first.Exited.Within()).Code);
        Assert.Equal(3, (await second.Exited.Within()).Code);
        Assert.StartsWith("/", plan.Executable, StringComparison.Ordinal);
    }
}
