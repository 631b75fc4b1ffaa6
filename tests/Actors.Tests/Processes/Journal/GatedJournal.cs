using ProcessManager.Actors.Processes.Journal;

namespace ProcessManager.Actors.Tests.Processes.Journal;

/// <summary>A journal in memory whose writes wait until the test opens the gate (a stalled database).</summary>
internal sealed class GatedJournal : IProcessJournal
{
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _lock = new();
    private readonly List<(string Id, ProcessEvent Event)> _stored = [];

    public IReadOnlyList<(string Id, ProcessEvent Event)> Stored
    {
        get
        {
            lock (_lock)
            {
                return [.. _stored];
            }
        }
    }

    /// <summary>Store writes made (each one a transaction in a real store).</summary>
    public int Writes { get; private set; }

    public void Open() => _gate.TrySetResult();

    public async Task AppendAsync(string persistenceId, ProcessEvent processEvent, CancellationToken cancellationToken = default) =>
        await AppendManyAsync([(persistenceId, processEvent)], cancellationToken);

    public async Task AppendManyAsync(IReadOnlyList<(string PersistenceId, ProcessEvent Event)> events, CancellationToken cancellationToken = default)
    {
        await _gate.Task.WaitAsync(cancellationToken);
        lock (_lock)
        {
            Writes++;
            _stored.AddRange(events);
        }
    }

    public Task<IReadOnlyList<JournaledProcessEvent>> ReadAsync(string persistenceId, DateTimeOffset? since, int limit, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            IReadOnlyList<JournaledProcessEvent> events =
                [.. _stored.Where(e => e.Id == persistenceId).Select((e, i) => new JournaledProcessEvent(e.Id, i + 1, DateTimeOffset.UtcNow, e.Event)).TakeLast(limit)];
            return Task.FromResult(events);
        }
    }

    public Task<IReadOnlyList<string>> PersistenceIdsAsync(string prefix, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            IReadOnlyList<string> ids = [.. _stored.Select(e => e.Id).Where(id => id.StartsWith(prefix, StringComparison.Ordinal)).Distinct().Order(StringComparer.Ordinal)];
            return Task.FromResult(ids);
        }
    }
}
