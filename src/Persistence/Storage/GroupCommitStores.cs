using System.Collections.Concurrent;
using Akka;
using Akka.Actor;
using ProcessManager.Persistence.Configuration;

namespace ProcessManager.Persistence.Storage;

/// <summary>
/// The opened stores of one actor system, one per database (SQLite file, or PostgreSQL connection +
/// schema): the journal, snapshot store and read journal of a database share its one writer. A store
/// opens on first use, off the caller's thread, and closes (committing what is queued) when the
/// actor system terminates.
/// </summary>
internal sealed class GroupCommitStores : IExtension
{
    /// <summary>Stores by database key; a store that failed to open is removed so that the next use tries again.</summary>
    private readonly ConcurrentDictionary<string, Lazy<Task<GroupCommitStore>>> _stores = new(StringComparer.Ordinal);

    /// <summary>Database keys of the settings objects the plugins hold, so that a lookup does not resolve paths again.</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<PbmPersistenceSettings, string> Keys = [];

    /// <summary>Set once closing began; later opens fail.</summary>
    private volatile bool _closing;

    public GroupCommitStores(ExtendedActorSystem system)
    {
        CoordinatedShutdown.Get(system).AddTask(
            CoordinatedShutdown.PhaseBeforeActorSystemTerminate,
            "close-pbm-persistence-stores",
            async () =>
            {
                await CloseAllAsync().ConfigureAwait(false);
                return Done.Instance;
            });
        // Without coordinated shutdown (run-by-actor-system-terminate = off) the stores still close.
        system.RegisterOnTermination(() => _ = CloseAllAsync());
    }

    public static GroupCommitStores Get(ActorSystem system) => system.WithExtension<GroupCommitStores, GroupCommitStoresProvider>();

    /// <summary>The store of the database <paramref name="settings"/> name, opened (and migrated) on first use.</summary>
    public Task<GroupCommitStore> OpenAsync(PbmPersistenceSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (_closing)
        {
            return Task.FromException<GroupCommitStore>(new PersistenceException("the actor system is terminating: its persistence stores are closed"));
        }

        var key = Keys.GetValue(settings, static s => KeyOf(s));
        var entry = _stores.GetOrAdd(key, static (_, s) => new Lazy<Task<GroupCommitStore>>(() => Task.Run(() => GroupCommitStore.OpenAsync(s, CancellationToken.None))), settings);
        var task = entry.Value;
        if (!task.IsCompletedSuccessfully)
        {
            _ = task.ContinueWith(
                static (_, state) =>
                {
                    var (stores, failed) = ((ConcurrentDictionary<string, Lazy<Task<GroupCommitStore>>>, KeyValuePair<string, Lazy<Task<GroupCommitStore>>>))state!;
                    stores.TryRemove(failed);
                },
                (_stores, new KeyValuePair<string, Lazy<Task<GroupCommitStore>>>(key, entry)),
                CancellationToken.None,
                TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }

        return task;
    }

    /// <summary>The write queues of the stores opened so far, summed; null when none is open.</summary>
    public WriteQueueStatistics? WriteQueues()
    {
        var opened = _stores.Values.Select(entry => entry.Value).Where(task => task.IsCompletedSuccessfully).Select(task => task.Result.WriteQueue).ToList();
        return opened.Count == 0
            ? null
            : new WriteQueueStatistics(opened.Sum(q => q.Queued), opened.Sum(q => q.Capacity), opened.Sum(q => q.Failed));
    }

    /// <summary>Stores opened or opening now.</summary>
    public int OpenedCount => _stores.Count;

    /// <summary>Closes every opened store: queued writes are committed first.</summary>
    public async Task CloseAllAsync()
    {
        _closing = true;
        foreach (var key in _stores.Keys)
        {
            if (!_stores.TryRemove(key, out var entry))
            {
                continue;
            }

            try
            {
                var store = await entry.Value.ConfigureAwait(false);
                await store.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception) when (entry.Value.IsFaulted)
            {
                // It never opened: nothing to close.
            }
        }
    }

    private static string KeyOf(PbmPersistenceSettings settings) =>
        settings.Provider == PersistenceProvider.Sqlite
            ? "sqlite:" + Path.GetFullPath(settings.SqlitePath)
            : $"postgresql:{settings.PostgreSqlSchema}:{settings.PostgreSqlConnectionString}";
}

/// <summary>Creates the <see cref="GroupCommitStores"/> extension.</summary>
internal sealed class GroupCommitStoresProvider : ExtensionIdProvider<GroupCommitStores>
{
    public override GroupCommitStores CreateExtension(ExtendedActorSystem system) => new(system);
}
