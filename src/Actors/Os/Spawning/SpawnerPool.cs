using System.Threading.Channels;

namespace ProcessManager.Actors.Os.Spawning;

/// <summary>
/// Runs spawns (and adoptions) off the actors' mailboxes. posix_spawn blocks its caller until the
/// child has exec'd; on the thread pool, a hundred of them starve the pool and with it every actor
/// mailbox (measured: 100 starts serialised behind 2 pool threads). So a burst goes to a few
/// long-running threads of this pool. A lone spawn (a restart) still runs on the pool thread that
/// posted it, queued locally: measured on a loaded machine, handing it to a sleeping spawner thread
/// and the result back costs two thread wake-ups, more than the spawn's own overhead. At most
/// <see cref="SpawnerPoolSettings.PoolThreadSpawns"/> spawns hold pool threads at a time.
/// Completion is reported by a callback on the thread that spawned, so the result reaches the actor in one Tell.
/// </summary>
public sealed class SpawnerPool : IDisposable
{
    private static readonly Lazy<SpawnerPool> LazyShared = new(() => new SpawnerPool(SpawnerPoolSettings.Default));

    private readonly Channel<WorkItem> _work;

    /// <summary>Spawns running on thread-pool threads now (at most Settings.PoolThreadSpawns).</summary>
    private int _onPoolThreads;

    public SpawnerPool(SpawnerPoolSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        Settings = settings;
        _work = Channel.CreateBounded<WorkItem>(new BoundedChannelOptions(settings.Capacity)
        {
            SingleReader = settings.Threads == 1,
            FullMode = BoundedChannelFullMode.Wait,
        });
        for (var i = 0; i < settings.Threads; i++)
        {
            new Thread(Run) { IsBackground = true, Name = $"pbm-spawner-{i}" }.Start();
        }
    }

    /// <summary>The daemon-wide queue (default settings), started on first use.</summary>
    public static SpawnerPool Shared => LazyShared.Value;

    public SpawnerPoolSettings Settings { get; }

    /// <summary>
    /// Runs <paramref name="spawn"/> on a spawner thread, then <paramref name="completed"/> there with
    /// its result or exception. Never blocks the caller: when the queue is full, the item waits for
    /// room asynchronously. <paramref name="completed"/> must be quick (a Tell).
    /// </summary>
    public void Post<T>(Func<T> spawn, Action<T?, Exception?> completed)
    {
        ArgumentNullException.ThrowIfNull(spawn);
        ArgumentNullException.ThrowIfNull(completed);
        if (Thread.CurrentThread.IsThreadPoolThread && Interlocked.Increment(ref _onPoolThreads) <= Settings.PoolThreadSpawns)
        {
            ThreadPool.UnsafeQueueUserWorkItem(new WorkItem<T>(spawn, completed, this), preferLocal: true);
            return;
        }

        if (Thread.CurrentThread.IsThreadPoolThread)
        {
            Interlocked.Decrement(ref _onPoolThreads);
        }

        var item = new WorkItem<T>(spawn, completed, null);
        if (!_work.Writer.TryWrite(item))
        {
            _ = WriteWhenRoomAsync(item);
        }
    }

    /// <summary>Accepts no more work; the threads end once what was posted has run.</summary>
    public void Dispose() => _work.Writer.TryComplete();

    private async Task WriteWhenRoomAsync(WorkItem item)
    {
        try
        {
            await _work.Writer.WriteAsync(item).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            item.Fail(new ObjectDisposedException(nameof(SpawnerPool)));
        }
    }

    private void Run()
    {
        var reader = _work.Reader;
        while (true)
        {
            while (reader.TryRead(out var item))
            {
                item.Execute();
            }

            // A dedicated thread: waiting here blocks no mailbox and no pool thread.
            var more = reader.WaitToReadAsync();
            if (!(more.IsCompletedSuccessfully ? more.Result : more.AsTask().GetAwaiter().GetResult()))
            {
                return;
            }
        }
    }

    private abstract class WorkItem : IThreadPoolWorkItem
    {
        void IThreadPoolWorkItem.Execute() => Execute();

        public abstract void Execute();

        public abstract void Fail(Exception error);
    }

    /// <param name="pool">Set when the item runs on a thread-pool thread: released from the pool's count once spawned.</param>
    private sealed class WorkItem<T>(Func<T> spawn, Action<T?, Exception?> completed, SpawnerPool? pool) : WorkItem
    {
        public override void Execute()
        {
            T? result = default;
            Exception? failure = null;
            try
            {
                result = spawn();
            }
#pragma warning disable CA1031 // Whatever the spawn threw belongs to the caller, not to the spawning thread.
            catch (Exception error)
#pragma warning restore CA1031
            {
                failure = error;
            }
            finally
            {
                if (pool is not null)
                {
                    Interlocked.Decrement(ref pool._onPoolThreads);
                }
            }

            try
            {
                completed(result, failure);
            }
#pragma warning disable CA1031 // A throwing callback must not take a spawner thread (or, on the pool, the process) down.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }

        public override void Fail(Exception error) => completed(default, error);
    }
}
