using System.Text;
using ProcessManager.Persistence.Journal;
using ProcessManager.Persistence.Snapshots;

namespace ProcessManager.Persistence.Tests.Tck;

/// <summary>
/// The behaviour every store must have, written once; one subclass per provider supplies the database.
/// </summary>
public abstract class PersistenceStoreTck : IAsyncLifetime
{
    private IStoreFixture? _fixture;
    private IPersistenceStore? _store;

    protected IStoreFixture Fixture => _fixture ?? throw new InvalidOperationException("not initialised");

    protected IPersistenceStore Store => _store ?? throw new InvalidOperationException("not initialised");

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected abstract IStoreFixture CreateFixture();

    public async ValueTask InitializeAsync()
    {
        _fixture = CreateFixture();
        _store = await _fixture.OpenAsync(TestSerializers.Current());
    }

    public async ValueTask DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }

        if (_fixture is not null)
        {
            await _fixture.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    protected static PersistentEvent Event(string id, long seq, object? payload = null, params string[] tags) =>
        new(id, seq, payload ?? new Incremented((int)seq)) { Tags = tags };

    protected async Task WriteRangeAsync(string id, long from, long to)
    {
        var events = new List<PersistentEvent>();
        for (var seq = from; seq <= to; seq++)
        {
            events.Add(Event(id, seq));
        }

        await Store.WriteAsync(events, Ct);
    }

    protected async Task<List<PersistentEvent>> ReplayAsync(string id, long from = 1, long to = long.MaxValue, long max = long.MaxValue, IPersistenceStore? store = null)
    {
        var result = new List<PersistentEvent>();
        await foreach (var e in (store ?? Store).ReadEventsAsync(id, from, to, max, Ct))
        {
            result.Add(e);
        }

        return result;
    }

    [Fact]
    public async Task Replay_returns_the_written_events_in_order_within_the_bounds()
    {
        await WriteRangeAsync("p-1", 1, 10);

        var all = await ReplayAsync("p-1");
        var middle = await ReplayAsync("p-1", from: 3, to: 7);

        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), all.Select(e => e.SequenceNr));
        Assert.Equal(Enumerable.Range(1, 10), all.Select(e => ((Incremented)e.Payload).By));
        Assert.Equal([3L, 4, 5, 6, 7], middle.Select(e => e.SequenceNr));
        Assert.All(all, e => Assert.Equal("incremented", e.Manifest));
        Assert.All(all, e => Assert.True(e.Ordering > 0));
        Assert.Equal(all.Select(e => e.Ordering).Order(), all.Select(e => e.Ordering));
    }

    [Fact]
    public async Task Replay_stops_at_the_max_count()
    {
        await WriteRangeAsync("p-1", 1, 10);

        var three = await ReplayAsync("p-1", from: 4, max: 3);
        var none = await ReplayAsync("p-1", max: 0);

        Assert.Equal([4L, 5, 6], three.Select(e => e.SequenceNr));
        Assert.Empty(none);
    }

    [Fact]
    public async Task Replay_of_an_unknown_id_is_empty_and_its_highest_sequence_nr_is_zero()
    {
        await WriteRangeAsync("p-1", 1, 3);

        Assert.Empty(await ReplayAsync("p-2"));
        Assert.Equal(0, await Store.ReadHighestSequenceNrAsync("p-2", Ct));
        Assert.Equal(3, await Store.ReadHighestSequenceNrAsync("p-1", Ct));
    }

    [Fact]
    public async Task Deleted_events_are_not_replayed_but_the_highest_sequence_nr_is_kept()
    {
        await WriteRangeAsync("p-1", 1, 10);

        await Store.DeleteEventsToAsync("p-1", 4, Ct);
        var afterPartial = await ReplayAsync("p-1");
        await Store.DeleteEventsToAsync("p-1", 10, Ct);
        var afterAll = await ReplayAsync("p-1");

        Assert.Equal([5L, 6, 7, 8, 9, 10], afterPartial.Select(e => e.SequenceNr));
        Assert.Empty(afterAll);
        Assert.Equal(10, await Store.ReadHighestSequenceNrAsync("p-1", Ct));

        // Numbering continues after the deleted events, and the marker row does not block it.
        await WriteRangeAsync("p-1", 11, 12);
        Assert.Equal([11L, 12], (await ReplayAsync("p-1")).Select(e => e.SequenceNr));
    }

    [Fact]
    public async Task Concurrent_writers_to_different_ids_all_succeed_in_order()
    {
        const int Writers = 50;
        const int EventsEach = 20;

        await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            for (var seq = 1; seq <= EventsEach; seq++)
            {
                await Store.WriteAsync([Event($"w-{w}", seq)], Ct);
            }
        }, Ct)));

        for (var w = 0; w < Writers; w++)
        {
            var events = await ReplayAsync($"w-{w}");
            Assert.Equal(Enumerable.Range(1, EventsEach).Select(i => (long)i), events.Select(e => e.SequenceNr));
        }

        var ids = await Store.PersistenceIdsAsync(null, 1000, Ct);
        Assert.Equal(Writers, ids.Count);
    }

    [Fact]
    public async Task A_second_writer_to_the_same_id_is_rejected_with_a_clear_error()
    {
        await WriteRangeAsync("p-1", 1, 3);

        var error = await Assert.ThrowsAsync<JournalConflictException>(
            () => Store.WriteAsync([Event("p-1", 3, new Note("second writer")), Event("p-1", 4)], Ct));

        Assert.Equal("p-1", error.PersistenceId);
        Assert.Equal(3, error.FromSequenceNr);
        Assert.Contains("'p-1'", error.Message, StringComparison.Ordinal);
        Assert.Contains("second writer", error.Message, StringComparison.Ordinal);
        // The rejected write is atomic: event 4 was not stored either.
        Assert.Equal(3, await Store.ReadHighestSequenceNrAsync("p-1", Ct));
        Assert.All(await ReplayAsync("p-1"), e => Assert.IsType<Incremented>(e.Payload));
    }

    [Fact]
    public async Task A_conflicting_write_fails_alone_when_it_shares_a_batch_with_good_writes()
    {
        await WriteRangeAsync("dup", 1, 1);

        // Many writes queued at once share group-commit batches with the conflicting one.
        var good = Enumerable.Range(0, 40).Select(i => Store.WriteAsync([Event($"good-{i}", 1)], Ct)).ToList();
        var bad = Store.WriteAsync([Event("dup", 1)], Ct);
        var moreGood = Enumerable.Range(40, 40).Select(i => Store.WriteAsync([Event($"good-{i}", 1)], Ct)).ToList();

        await Assert.ThrowsAsync<JournalConflictException>(() => bad);
        await Task.WhenAll(good.Concat(moreGood));
        for (var i = 0; i < 80; i++)
        {
            Assert.Equal(1, await Store.ReadHighestSequenceNrAsync($"good-{i}", Ct));
        }
    }

    [Fact]
    public async Task Snapshots_are_selected_by_sequence_nr_and_timestamp()
    {
        var t0 = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000);
        await Store.SaveSnapshotAsync(new SnapshotMetadata("p-1", 10, t0), new CounterState(10, ["a"]), Ct);
        await Store.SaveSnapshotAsync(new SnapshotMetadata("p-1", 20, t0.AddMinutes(1)), new CounterState(20, ["b"]), Ct);
        await Store.SaveSnapshotAsync(new SnapshotMetadata("p-1", 30, t0.AddMinutes(2)), new CounterState(30, ["c"]), Ct);
        await Store.SaveSnapshotAsync(new SnapshotMetadata("p-2", 99, t0.AddMinutes(3)), new CounterState(99, []), Ct);

        var latest = await Store.LoadSnapshotAsync("p-1", SnapshotSelectionCriteria.Latest, Ct);
        var upTo25 = await Store.LoadSnapshotAsync("p-1", SnapshotSelectionCriteria.UpTo(25), Ct);
        var byTime = await Store.LoadSnapshotAsync("p-1", new SnapshotSelectionCriteria(long.MaxValue, t0.AddSeconds(30)), Ct);
        var none = await Store.LoadSnapshotAsync("p-1", SnapshotSelectionCriteria.UpTo(5), Ct);
        var noneForUnknown = await Store.LoadSnapshotAsync("p-3", SnapshotSelectionCriteria.Latest, Ct);

        Assert.NotNull(latest);
        Assert.Equal(30, latest.Metadata.SequenceNr);
        Assert.Equal(t0.AddMinutes(2), latest.Metadata.Timestamp);
        Assert.Equal(new CounterState(30, ["c"]).Value, ((CounterState)latest.Snapshot).Value);
        Assert.Equal(["c"], ((CounterState)latest.Snapshot).Notes);
        Assert.Equal(20, upTo25?.Metadata.SequenceNr);
        Assert.Equal(10, byTime?.Metadata.SequenceNr);
        Assert.Null(none);
        Assert.Null(noneForUnknown);
    }

    [Fact]
    public async Task Snapshots_are_deleted_by_criteria_and_a_save_at_the_same_nr_replaces()
    {
        var t0 = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000);
        for (var seq = 10; seq <= 40; seq += 10)
        {
            await Store.SaveSnapshotAsync(new SnapshotMetadata("p-1", seq, t0.AddMinutes(seq)), new CounterState(seq, []), Ct);
        }

        await Store.DeleteSnapshotsAsync("p-1", SnapshotSelectionCriteria.UpTo(20), Ct);
        await Store.DeleteSnapshotsAsync("p-1", new SnapshotSelectionCriteria(long.MaxValue, DateTimeOffset.MaxValue, MinTimestamp: t0.AddMinutes(35)), Ct);
        await Store.SaveSnapshotAsync(new SnapshotMetadata("p-1", 30, t0.AddMinutes(30)), new CounterState(31, []), Ct);

        var remaining = await Store.LoadSnapshotAsync("p-1", SnapshotSelectionCriteria.Latest, Ct);
        var below30 = await Store.LoadSnapshotAsync("p-1", SnapshotSelectionCriteria.UpTo(29), Ct);

        Assert.Equal(30, remaining?.Metadata.SequenceNr);
        Assert.Equal(31, ((CounterState)remaining!.Snapshot).Value);
        Assert.Null(below30);
    }

    [Fact]
    public async Task Large_payloads_round_trip()
    {
        var text = string.Create(4 * 1024 * 1024, 0, static (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = (char)('a' + (i * 7 % 26));
            }
        });

        await Store.WriteAsync([Event("big", 1, new Note(text))], Ct);
        await Store.SaveSnapshotAsync(new SnapshotMetadata("big", 1, default), new CounterState(1, [text]), Ct);

        var replayed = Assert.Single(await ReplayAsync("big"));
        var snapshot = await Store.LoadSnapshotAsync("big", SnapshotSelectionCriteria.Latest, Ct);
        Assert.Equal(text, ((Note)replayed.Payload).Text);
        Assert.Equal(text, ((CounterState)snapshot!.Snapshot).Notes[0]);
    }

    [Fact]
    public async Task An_unknown_manifest_is_reported_with_persistence_id_and_sequence_nr()
    {
        await WriteRangeAsync("p-1", 1, 3);
        await Fixture.ExecuteRawAsync(
            "UPDATE journal SET manifest = 'no-such-event' WHERE persistence_id = @pid AND sequence_nr = 2", ("pid", "p-1"));

        var error = await Assert.ThrowsAsync<EventDeserializationException>(() => ReplayAsync("p-1"));

        Assert.Equal("p-1", error.PersistenceId);
        Assert.Equal(2, error.SequenceNr);
        Assert.Equal("no-such-event", error.Manifest);
        Assert.Contains("'p-1'", error.Message, StringComparison.Ordinal);
        Assert.Contains("sequence nr 2", error.Message, StringComparison.Ordinal);
        Assert.Contains("unknown manifest 'no-such-event'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Corrupt_json_is_reported_with_persistence_id_and_sequence_nr()
    {
        await WriteRangeAsync("p-1", 1, 3);
        await Fixture.ExecuteRawAsync(
            "UPDATE journal SET payload = @payload WHERE persistence_id = @pid AND sequence_nr = 3",
            ("pid", "p-1"),
            ("payload", Encoding.UTF8.GetBytes("{\"By\": 3, \"trunc")));

        var error = await Assert.ThrowsAsync<EventDeserializationException>(() => ReplayAsync("p-1"));

        Assert.Equal(3, error.SequenceNr);
        Assert.Contains("'p-1'", error.Message, StringComparison.Ordinal);
        Assert.Contains("sequence nr 3", error.Message, StringComparison.Ordinal);
        Assert.Contains("invalid JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Events_written_by_an_earlier_version_of_a_type_stay_readable()
    {
        await using (var oldBuild = await Fixture.OpenAsync(TestSerializers.Version1()))
        {
            await oldBuild.WriteAsync([Event("web-0", 1, new ProcessStartedV1("web", 4242)), Event("web-0", 2, new ProcessExitedV1("web", 3))], Ct);
        }

        await Store.WriteAsync([Event("web-0", 3, new ProcessStarted("web", 4300, "/usr/bin/web --port 80"))], Ct);
        var events = await ReplayAsync("web-0");

        // Upcast: the v1 shape is read and converted.
        Assert.Equal(new ProcessStarted("web", 4242, "(unknown: written before v2)"), events[0].Payload);
        // Tolerant: the v1 payload is read into the v2 type, the new member takes its default.
        Assert.Equal(new ProcessExited("web", 3, Signal: null), events[1].Payload);
        Assert.Equal(new ProcessStarted("web", 4300, "/usr/bin/web --port 80"), events[2].Payload);
        Assert.Equal(["process-started", "process-exited", "process-started.v2"], events.Select(e => e.Manifest));
    }

    [Fact]
    public async Task Events_by_tag_are_paged_by_ordering_and_skip_deleted_events()
    {
        await Store.WriteAsync([Event("a", 1, null, "process"), Event("a", 2, null, "process", "exit"), Event("a", 3)], Ct);
        await Store.WriteAsync([Event("b", 1, null, "process"), Event("b", 2, null, "exit")], Ct);

        var first = await ByTagAsync("process", 0, 2);
        var rest = await ByTagAsync("process", first[^1].Ordering, 10);
        var exits = await ByTagAsync("exit", 0, 10);
        await Store.DeleteEventsToAsync("a", 2, Ct);
        var exitsAfterDelete = await ByTagAsync("exit", 0, 10);

        Assert.Equal([("a", 1L), ("a", 2L)], first.Select(e => (e.PersistenceId, e.SequenceNr)));
        Assert.Equal([("b", 1L)], rest.Select(e => (e.PersistenceId, e.SequenceNr)));
        Assert.Equal([("a", 2L), ("b", 2L)], exits.Select(e => (e.PersistenceId, e.SequenceNr)));
        Assert.Equal(["process", "exit"], exits[0].Tags);
        Assert.Equal([("b", 2L)], exitsAfterDelete.Select(e => (e.PersistenceId, e.SequenceNr)));
    }

    [Fact]
    public async Task Persistence_ids_are_listed_sorted_and_paged()
    {
        foreach (var id in new[] { "c", "a", "d", "b" })
        {
            await WriteRangeAsync(id, 1, 2);
        }

        var page1 = await Store.PersistenceIdsAsync(null, 3, Ct);
        var page2 = await Store.PersistenceIdsAsync(page1[^1], 3, Ct);

        Assert.Equal(["a", "b", "c"], page1);
        Assert.Equal(["d"], page2);
        Assert.Equal(2, await Store.HighestSequenceNrAsync("d", Ct));
    }

    [Fact]
    public async Task Reopening_keeps_the_data_and_records_each_migration_once()
    {
        await WriteRangeAsync("p-1", 1, 5);
        var version = Store.SchemaVersion;
        await Store.DisposeAsync();

        await using var reopened = await Fixture.OpenAsync(TestSerializers.Current());

        Assert.Equal(2, version);
        Assert.Equal(version, reopened.SchemaVersion);
        Assert.Equal(5, (await ReplayAsync("p-1", store: reopened)).Count);
        // Re-recording an applied version would violate schema_version's primary key.
        Assert.Equal(1, await Fixture.ExecuteRawAsync("UPDATE schema_version SET description = description WHERE version = 2"));
    }

    [Fact]
    public async Task A_database_newer_than_the_build_is_refused_with_its_version()
    {
        await Fixture.ExecuteRawAsync("INSERT INTO schema_version (version, description, applied) VALUES (99, 'from the future', 0)");

        var error = await Assert.ThrowsAsync<PersistenceException>(() => Fixture.OpenAsync(TestSerializers.Current()));

        Assert.Contains("version 99", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Writing_an_unregistered_type_fails_before_anything_is_stored()
    {
        var error = await Assert.ThrowsAsync<PersistenceException>(() => Store.WriteAsync([Event("p-1", 1, new Uri("http://x"))], Ct));

        Assert.Contains("System.Uri", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await Store.ReadHighestSequenceNrAsync("p-1", Ct));
    }

    private async Task<List<PersistentEvent>> ByTagAsync(string tag, long after, long max)
    {
        var result = new List<PersistentEvent>();
        await foreach (var e in Store.EventsByTagAsync(tag, after, max, Ct))
        {
            result.Add(e);
        }

        return result;
    }
}
