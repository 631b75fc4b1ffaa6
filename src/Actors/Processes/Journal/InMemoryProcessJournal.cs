namespace ProcessManager.Actors.Processes.Journal;

/// <summary>
/// A journal kept in memory: history works without a database, nothing survives the daemon.
/// At most <paramref name="maxEventsPerId"/> events per persistence id (oldest dropped).
/// </summary>
public sealed class InMemoryProcessJournal(int maxEventsPerId = 1000, TimeProvider? time = null) : IProcessJournal
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (long Next, Queue<JournaledProcessEvent> Events)> _streams = new(StringComparer.Ordinal);
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public Task AppendAsync(string persistenceId, ProcessEvent processEvent, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_streams.TryGetValue(persistenceId, out var stream))
            {
                stream = (1, new Queue<JournaledProcessEvent>());
            }

            stream.Events.Enqueue(new JournaledProcessEvent(persistenceId, stream.Next, _time.GetUtcNow(), processEvent));
            while (stream.Events.Count > maxEventsPerId)
            {
                stream.Events.Dequeue();
            }

            _streams[persistenceId] = (stream.Next + 1, stream.Events);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<JournaledProcessEvent>> ReadAsync(string persistenceId, DateTimeOffset? since, int limit, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<JournaledProcessEvent> events = _streams.TryGetValue(persistenceId, out var stream)
                ? [.. stream.Events.Where(e => since is null || e.Timestamp >= since).TakeLast(limit)]
                : [];
            return Task.FromResult(events);
        }
    }

    public Task<IReadOnlyList<string>> PersistenceIdsAsync(string prefix, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<string> ids = [.. _streams.Keys.Where(id => id.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal)];
            return Task.FromResult(ids);
        }
    }
}
