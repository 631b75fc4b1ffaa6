using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ProcessManager.Persistence;
using ProcessManager.Persistence.Journal;
using ProcessManager.Persistence.Serialization;

namespace ProcessManager.Actors.Processes.Journal;

/// <summary>
/// Process events in the persistence store (SQLite or PostgreSQL). Each event is one journal row under
/// its persistence id, tagged "process" (and "app" for app-level events). Appends for one id must
/// not run concurrently (the JournalWriter guarantees it): sequence numbers are assigned here.
/// An instance's stream (process/NAME-INDEX) keeps its newest <c>maxEventsPerProcess</c> events: its recovery
/// needs only the newest ones. App streams (app/NAME) are kept whole: their first event declares the app,
/// and they grow only with operators' commands.
/// </summary>
public sealed class StoredProcessJournal(IPersistenceStore store, int maxEventsPerProcess = StoredProcessJournal.DefaultMaxEventsPerProcess) : IProcessJournal
{
    /// <summary>Default of pbm.persistence.retention.max-events-per-process.</summary>
    public const int DefaultMaxEventsPerProcess = 10_000;

    /// <summary>Manifest of the stored payload.</summary>
    public const string Manifest = "pbm.process-event.v1";

    private const int IdPage = 500;

    private static readonly IReadOnlyList<string> ProcessTags = ["process"];
    private static readonly IReadOnlyList<string> AppTags = ["process", "app"];

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
    };

    /// <summary>Next sequence number per persistence id, learned from the store on first use.</summary>
    private readonly Dictionary<string, long> _next = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    private readonly int _maxEventsPerProcess = maxEventsPerProcess >= 1
        ? maxEventsPerProcess
        : throw new ArgumentOutOfRangeException(nameof(maxEventsPerProcess), maxEventsPerProcess, "at least 1 event per process is kept");

    /// <summary>Registers the payload type with the store's serializer; call before opening the store.</summary>
    public static EventSerializer Register(EventSerializer serializer)
    {
        ArgumentNullException.ThrowIfNull(serializer);
        return serializer.Register(Manifest, (JsonTypeInfo<StoredProcessEvent>)JsonOptions.GetTypeInfo(typeof(StoredProcessEvent)));
    }

    public Task AppendAsync(string persistenceId, ProcessEvent processEvent, CancellationToken cancellationToken = default) =>
        AppendManyAsync([(persistenceId, processEvent)], cancellationToken);

    /// <summary>All the events in one store write: one transaction, one durable commit, all or none.</summary>
    public async Task AppendManyAsync(IReadOnlyList<(string PersistenceId, ProcessEvent Event)> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        // Per id: the first sequence number of this write and the one after its last event.
        var numbers = new Dictionary<string, (long First, long Next)>(StringComparer.Ordinal);
        var rows = new List<PersistentEvent>(events.Count);
        var now = DateTimeOffset.UtcNow;
        foreach (var (id, processEvent) in events)
        {
            if (!numbers.TryGetValue(id, out var range))
            {
                bool known;
                long first;
                lock (_gate)
                {
                    known = _next.TryGetValue(id, out first);
                }

                if (!known)
                {
                    first = await store.ReadHighestSequenceNrAsync(id, cancellationToken).ConfigureAwait(false) + 1;
                }

                range = (first, first);
            }

            rows.Add(new PersistentEvent(id, range.Next, new StoredProcessEvent(processEvent)) { Tags = TagsOf(id), Timestamp = now });
            numbers[id] = (range.First, range.Next + 1);
        }

        if (rows.Count == 0)
        {
            return;
        }

        await store.WriteAsync(rows, cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            foreach (var (id, range) in numbers)
            {
                _next[id] = range.Next;
            }
        }

        foreach (var (id, range) in numbers)
        {
            await TrimAsync(id, range.First - 1, range.Next - 1, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Deletes what lies more than maxEventsPerProcess behind an instance stream's newest event, in steps
    /// of a tenth of the bound (one delete per step crossed by this write, not one per event).
    /// </summary>
    private async Task TrimAsync(string persistenceId, long previousHighest, long highest, CancellationToken cancellationToken)
    {
        if (!persistenceId.StartsWith("process/", StringComparison.Ordinal) || highest <= _maxEventsPerProcess)
        {
            return;
        }

        var step = Math.Max(1, _maxEventsPerProcess / 10);
        if (previousHighest / step == highest / step)
        {
            return;
        }

        await store.DeleteEventsToAsync(persistenceId, highest - _maxEventsPerProcess, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<JournaledProcessEvent>> ReadAsync(string persistenceId, DateTimeOffset? since, int limit, CancellationToken cancellationToken = default)
    {
        // Without a since, only the newest events can be answered: read from there, not from the start.
        var from = 1L;
        if (since is null)
        {
            from = Math.Max(1, await store.ReadHighestSequenceNrAsync(persistenceId, cancellationToken).ConfigureAwait(false) - limit + 1);
        }

        var events = new List<JournaledProcessEvent>();
        await foreach (var row in store.ReadEventsAsync(persistenceId, from, long.MaxValue, long.MaxValue, cancellationToken).ConfigureAwait(false))
        {
            if (row.Payload is StoredProcessEvent stored && (since is null || row.Timestamp >= since))
            {
                events.Add(new JournaledProcessEvent(row.PersistenceId, row.SequenceNr, row.Timestamp, stored.Event));
            }
        }

        return events.Count > limit ? events[^limit..] : events;
    }

    private static IReadOnlyList<string> TagsOf(string persistenceId) =>
        persistenceId.StartsWith("app/", StringComparison.Ordinal) ? AppTags : ProcessTags;

    public async Task<IReadOnlyList<string>> PersistenceIdsAsync(string prefix, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var ids = new List<string>();
        var after = prefix;
        while (true)
        {
            var page = await store.PersistenceIdsAsync(after, IdPage, cancellationToken).ConfigureAwait(false);
            foreach (var id in page)
            {
                if (!id.StartsWith(prefix, StringComparison.Ordinal))
                {
                    return ids;
                }

                ids.Add(id);
            }

            if (page.Count < IdPage)
            {
                return ids;
            }

            after = page[^1];
        }
    }
}

/// <summary>The stored payload: one envelope type whose event is polymorphic by "$event".</summary>
public sealed record StoredProcessEvent(ProcessEvent Event);
