using System.Threading.Channels;

namespace ProcessManager.Actors.Os.Spawning;

/// <summary>
/// Runs spawns (and adoptions) on a few long-running threads of their own. posix_spawn blocks its
/// caller until the child has exec'd; on the thread pool, a hundred of them starve the pool and
/// with it every actor mailbox (measured: 100 starts serialised behind 2 pool threads). Completion
/// is reported by a callback on the spawner thread, so the result reaches the actor in one Tell.
/// </summary>
public sealed class SpawnerPool : IDisposable
{
    private static readonly Lazy<SpawnerPool> LazyShared = new(() => new SpawnerPool(SpawnerPoolSettings.Default));

    private readonly Channel<WorkItem> _work;

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
        var item = new WorkItem<T>(spawn, completed);
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
                try
                {
                    item.Execute();
                }
#pragma warning disable CA1031 // A throwing completion callback must not take a spawner thread down with it.
                catch (Exception)
#pragma warning restore CA1031
                {
                }
            }

            // A dedicated thread: waiting here blocks no mailbox and no pool thread.
            var more = reader.WaitToReadAsync();
            if (!(more.IsCompletedSuccessfully ? more.Result : more.AsTask().GetAwaiter().GetResult()))
            {
                return;
            }
        }
    }

    private abstract class WorkItem
    {
        public abstract void Execute();

        public abstract void Fail(Exception error);
    }

    private sealed class WorkItem<T>(Func<T> spawn, Action<T?, Exception?> completed) : WorkItem
    {
        public override void Execute()
        {
            T result;
            try
            {
                result = spawn();
            }
#pragma warning disable CA1031 // Whatever the spawn threw belongs to the caller, not to the spawner thread.
            catch (Exception error)
#pragma warning restore CA1031
            {
                completed(default, error);
                return;
            }

            completed(result, null);
        }

        public override void Fail(Exception error) => completed(default, error);
    }
}
