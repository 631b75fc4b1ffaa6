using Akka;
using Akka.Actor;
using Akka.Persistence.Query;
using Akka.Streams.Dsl;
using Akka.Util;
using ProcessManager.Persistence.Configuration;
using ProcessManager.Persistence.Serialization;
using ProcessManager.Persistence.Storage;

namespace ProcessManager.Persistence.Query;

/// <summary>
/// The read journal (<c>akka.persistence.query.journal.pbm</c>) over the group-commit journal's database.
/// Queries read pages of <c>max-buffer-size</c> rows; <c>Current*</c> queries end at what was stored when
/// they started, the live ones look for more every <c>refresh-interval</c>. Tag offsets are
/// <see cref="Sequence"/>s of the journal's global ordering, exclusive: pass the last offset seen.
/// </summary>
public sealed class GroupCommitReadJournal :
    IPersistenceIdsQuery,
    ICurrentPersistenceIdsQuery,
    IEventsByPersistenceIdQuery,
    ICurrentEventsByPersistenceIdQuery,
    IEventsByTagQuery,
    ICurrentEventsByTagQuery
{
    /// <summary>The plugin id under which the product configures this read journal.</summary>
    public const string Identifier = "akka.persistence.query.journal.pbm";

    private readonly PbmPersistenceSettings _settings;
    private readonly GroupCommitStores _stores;
    private readonly PayloadSerializer _serializer;

    internal GroupCommitReadJournal(ExtendedActorSystem system, PbmPersistenceSettings settings)
    {
        _settings = settings;
        _stores = GroupCommitStores.Get(system);
        _serializer = new PayloadSerializer(system, settings.LegacySerializerId);
    }

    public Source<string, NotUsed> CurrentPersistenceIds() =>
        Source.UnfoldAsync<(string? After, bool Done), IReadOnlyList<string>>((null, false), async state =>
        {
            if (state.Done)
            {
                return Option<((string?, bool), IReadOnlyList<string>)>.None;
            }

            var store = await _stores.OpenAsync(_settings).ConfigureAwait(false);
            var page = await store.PersistenceIdsAsync(state.After, _settings.QueryMaxBufferSize, CancellationToken.None).ConfigureAwait(false);
            var done = page.Count < _settings.QueryMaxBufferSize;
            return page.Count == 0 && done
                ? Option<((string?, bool), IReadOnlyList<string>)>.None
                : Option<((string?, bool), IReadOnlyList<string>)>.Create(((page.Count == 0 ? state.After : page[^1], done), page));
        }).SelectMany(static page => page);

    /// <summary>The ids stored now, then each new id as its first event is stored (polled every <c>refresh-interval</c>).</summary>
    public Source<string, NotUsed> PersistenceIds() =>
        Source.FromTask(MaxOrderingAsync())
            .ConcatMany(start => CurrentPersistenceIdsUpTo(start).Concat(NewPersistenceIdsAfter(start)));

    public Source<EventEnvelope, NotUsed> CurrentEventsByPersistenceId(string persistenceId, long fromSequenceNr, long toSequenceNr) =>
        EventsByPersistenceId(persistenceId, fromSequenceNr, toSequenceNr, live: false);

    public Source<EventEnvelope, NotUsed> EventsByPersistenceId(string persistenceId, long fromSequenceNr, long toSequenceNr) =>
        EventsByPersistenceId(persistenceId, fromSequenceNr, toSequenceNr, live: true);

    public Source<EventEnvelope, NotUsed> CurrentEventsByTag(string tag, Offset offset) =>
        Source.FromTask(MaxOrderingAsync()).ConcatMany(max => EventsByTag(tag, OrderingOf(offset), () => Task.FromResult(max), live: false));

    public Source<EventEnvelope, NotUsed> EventsByTag(string tag, Offset offset) =>
        EventsByTag(tag, OrderingOf(offset), MaxOrderingAsync, live: true);

    private Source<EventEnvelope, NotUsed> EventsByPersistenceId(string persistenceId, long fromSequenceNr, long toSequenceNr, bool live)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(persistenceId);
        var pageSize = _settings.QueryMaxBufferSize;
        return Source.UnfoldAsync<long, IReadOnlyList<EventEnvelope>>(Math.Max(1, fromSequenceNr), async next =>
        {
            while (next <= toSequenceNr)
            {
                var store = await _stores.OpenAsync(_settings).ConfigureAwait(false);
                var page = new List<EventEnvelope>(Math.Min(pageSize, 1024));
                await foreach (var row in store.EventsAsync(persistenceId, next, toSequenceNr, pageSize, CancellationToken.None).ConfigureAwait(false))
                {
                    page.Add(ToEnvelope(row));
                }

                if (page.Count > 0)
                {
                    return Option<(long, IReadOnlyList<EventEnvelope>)>.Create((page[^1].SequenceNr + 1, page));
                }

                if (!live)
                {
                    break;
                }

                await Task.Delay(_settings.QueryRefreshInterval).ConfigureAwait(false);
            }

            return Option<(long, IReadOnlyList<EventEnvelope>)>.None;
        }).SelectMany(static page => page);
    }

    private Source<EventEnvelope, NotUsed> EventsByTag(string tag, long afterOrdering, Func<Task<long>> upperBound, bool live)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tag);
        var pageSize = _settings.QueryMaxBufferSize;
        return Source.UnfoldAsync<long, IReadOnlyList<EventEnvelope>>(afterOrdering, async after =>
        {
            while (true)
            {
                var store = await _stores.OpenAsync(_settings).ConfigureAwait(false);
                var to = await upperBound().ConfigureAwait(false);
                if (to > after)
                {
                    var rows = await store.EventsByTagAsync(tag, after, to, pageSize, CancellationToken.None).ConfigureAwait(false);
                    if (rows.Count > 0)
                    {
                        return Option<(long, IReadOnlyList<EventEnvelope>)>.Create((rows[^1].Ordering, rows.Select(ToEnvelope).ToList()));
                    }

                    // No tagged row up to the bound: continue after it, not from the old offset again.
                    after = to;
                }

                if (!live)
                {
                    return Option<(long, IReadOnlyList<EventEnvelope>)>.None;
                }

                await Task.Delay(_settings.QueryRefreshInterval).ConfigureAwait(false);
            }
        }).SelectMany(static page => page);
    }

    private Source<string, NotUsed> CurrentPersistenceIdsUpTo(long maxOrdering) =>
        NewPersistenceIds(0, () => Task.FromResult(maxOrdering), live: false);

    private Source<string, NotUsed> NewPersistenceIdsAfter(long afterOrdering) =>
        NewPersistenceIds(afterOrdering, MaxOrderingAsync, live: true);

    private Source<string, NotUsed> NewPersistenceIds(long afterOrdering, Func<Task<long>> upperBound, bool live)
    {
        var pageSize = _settings.QueryMaxBufferSize;
        return Source.UnfoldAsync<long, IReadOnlyList<string>>(afterOrdering, async after =>
        {
            while (true)
            {
                var store = await _stores.OpenAsync(_settings).ConfigureAwait(false);
                var to = await upperBound().ConfigureAwait(false);
                if (to > after)
                {
                    var ids = await store.NewPersistenceIdsAsync(after, to, pageSize, CancellationToken.None).ConfigureAwait(false);
                    if (ids.Count > 0)
                    {
                        return Option<(long, IReadOnlyList<string>)>.Create((ids[^1].Ordering, ids.Select(static i => i.PersistenceId).ToList()));
                    }

                    after = to;
                }

                if (!live)
                {
                    return Option<(long, IReadOnlyList<string>)>.None;
                }

                await Task.Delay(_settings.QueryRefreshInterval).ConfigureAwait(false);
            }
        }).SelectMany(static page => page);
    }

    private async Task<long> MaxOrderingAsync()
    {
        var store = await _stores.OpenAsync(_settings).ConfigureAwait(false);
        return await store.MaxOrderingAsync(CancellationToken.None).ConfigureAwait(false);
    }

    private EventEnvelope ToEnvelope(JournalRow row) =>
        new(
            Offset.Sequence(row.Ordering),
            row.PersistenceId,
            row.SequenceNr,
            _serializer.Deserialize(row.PersistenceId, row.SequenceNr, row.SerializerId, row.Manifest, row.Payload, "event"),
            UnixTime.ToTicks(row.CreatedMs),
            row.Tags is null ? [] : row.Tags.Split(';'));

    private static long OrderingOf(Offset offset) => offset switch
    {
        null or NoOffset => 0,
        Sequence sequence => sequence.Value,
        _ => throw new ArgumentException($"the pbm read journal takes a Sequence offset or NoOffset, not {offset.GetType().Name}", nameof(offset)),
    };
}
