using System.Collections.Immutable;
using Akka.Actor;
using Akka.Persistence;
using Akka.Persistence.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using ProcessManager.Persistence.Configuration;
using ProcessManager.Persistence.Tests.Support;
using ProcessManager.Persistence.Tests.Targets;
using AkkaTestKit = Akka.TestKit.Xunit.TestKit;

namespace ProcessManager.Persistence.Tests.Specs;

/// <summary>
/// What every supported plugin must do, written once and run on each plugin × database
/// (group commit and Akka.Persistence.Sql, each on SQLite and PostgreSQL). Where Akka.Persistence.Sql
/// differs by design, the test says so instead of asking less of ours.
/// </summary>
public abstract class PersistencePluginSpec : AkkaTestKit
{
    private static readonly TimeSpan Patience = TestTimeouts.Scaled(TimeSpan.FromSeconds(60));

    private readonly PluginTarget _target;
    private readonly string _writerGuid = Guid.NewGuid().ToString("N");

    protected PersistencePluginSpec(PluginTarget target)
        : base(target.Config)
    {
        _target = target;
        Journal = Akka.Persistence.Persistence.Instance.Apply(Sys).JournalFor(PersistencePlugins.JournalId(target.Settings));
        SnapshotStore = Akka.Persistence.Persistence.Instance.Apply(Sys).SnapshotStoreFor(PersistencePlugins.SnapshotStoreId(target.Settings));
        Materializer = Sys.Materializer();
    }

    protected PluginTarget Target => _target;

    protected IActorRef Journal { get; }

    protected IActorRef SnapshotStore { get; }

    protected IMaterializer Materializer { get; }

    protected IReadJournal ReadJournal => PersistenceQuery.Get(Sys).ReadJournalFor<IReadJournal>(PersistencePlugins.ReadJournalId(_target.Settings));

    protected override void AfterAll()
    {
        base.AfterAll();
        _target.Dispose();
    }

    // ---- journal ----

    [Fact]
    public void Replay_returns_the_written_events_in_order_within_the_bounds_and_the_max()
    {
        WriteEvents("p-1", 1, 10);

        Assert.Equal(Range(1, 10), Replay("p-1", 1, long.MaxValue, long.MaxValue, expectedHighest: 10).Select(p => p.SequenceNr));
        Assert.Equal(Range(3, 7), Replay("p-1", 3, 7, long.MaxValue, expectedHighest: 10).Select(p => p.SequenceNr));
        Assert.Equal(Range(4, 6), Replay("p-1", 4, long.MaxValue, 3, expectedHighest: 10).Select(p => p.SequenceNr));
        var replayed = Replay("p-1", 1, 2, long.MaxValue, expectedHighest: 10);
        Assert.Equal([new Incremented(1), new Incremented(2)], replayed.Select(p => p.Payload));
        Assert.All(replayed, p => Assert.Equal("p-1", p.PersistenceId));
        if (!Target.IsAkkaPersistenceSql)
        {
            // Akka.Persistence.Sql stores its journal actor's own writer uuid instead of the event's, by design.
            Assert.All(replayed, p => Assert.Equal(_writerGuid, p.WriterGuid));
        }
    }

    [Fact]
    public void An_unknown_id_replays_nothing_and_its_highest_sequence_nr_is_zero()
    {
        WriteEvents("p-1", 1, 3);

        Assert.Empty(Replay("p-2", 1, long.MaxValue, long.MaxValue, expectedHighest: 0));
    }

    [Fact]
    public void Deleted_events_are_not_replayed_but_the_highest_sequence_nr_is_kept()
    {
        WriteEvents("p-1", 1, 10);

        DeleteTo("p-1", 4);
        var afterPartial = Replay("p-1", 1, long.MaxValue, long.MaxValue, expectedHighest: 10);
        DeleteTo("p-1", 10);
        var afterAll = Replay("p-1", 1, long.MaxValue, long.MaxValue, expectedHighest: 10);

        Assert.Equal(Range(5, 10), afterPartial.Select(p => p.SequenceNr));
        Assert.Empty(afterAll);
        // Numbering continues after the deleted events; nothing of the deleted ones comes back.
        WriteEvents("p-1", 11, 12);
        Assert.Equal(Range(11, 12), Replay("p-1", 1, long.MaxValue, long.MaxValue, expectedHighest: 12).Select(p => p.SequenceNr));
    }

    [Fact]
    public void An_atomic_write_that_conflicts_stores_none_of_its_events()
    {
        WriteEvents("p-1", 1, 3);

        var probe = CreateTestProbe();
        Journal.Tell(new WriteMessages([AtomicWriteOf("p-1", 3, 4)], probe.Ref, 1));

        probe.ExpectMsg<WriteMessagesFailed>(Patience);
        probe.ExpectMsg<WriteMessageFailure>(m => m.Persistent.SequenceNr == 3, Patience);
        probe.ExpectMsg<WriteMessageFailure>(m => m.Persistent.SequenceNr == 4, Patience);
        Assert.Equal(Range(1, 3), Replay("p-1", 1, long.MaxValue, long.MaxValue, expectedHighest: 3).Select(p => p.SequenceNr));
    }

    [Fact]
    public async Task A_conflicting_write_fails_alone_when_it_shares_a_batch_with_good_writes()
    {
        WriteEvents("dup", 1, 1);
        var probes = Enumerable.Range(0, 40).Select(_ => CreateTestProbe()).ToList();
        var conflicting = CreateTestProbe();

        // Sent back to back, the writes reach the journal together and share group-commit batches.
        for (var i = 0; i < 20; i++)
        {
            Journal.Tell(new WriteMessages([AtomicWriteOf($"good-{i}", 1, 1)], probes[i].Ref, 1));
        }

        Journal.Tell(new WriteMessages([AtomicWriteOf("dup", 1, 1)], conflicting.Ref, 1));
        for (var i = 20; i < 40; i++)
        {
            Journal.Tell(new WriteMessages([AtomicWriteOf($"good-{i}", 1, 1)], probes[i].Ref, 1));
        }

        conflicting.ExpectMsg<WriteMessagesFailed>(Patience);
        for (var i = 0; i < 40; i++)
        {
            var outcome = probes[i].ReceiveOne(Patience);
            // Read back through the query side: Akka.Persistence.Sql's journal may have opened its circuit breaker.
            var stored = await CurrentEventsAsync($"good-{i}");
            if (Target.IsAkkaPersistenceSql && outcome is WriteMessagesFailed)
            {
                // By design Akka.Persistence.Sql inserts several actors' writes in one statement, so a conflict
                // fails its batch-mates too; it must still store none of a failed write.
                Assert.Empty(stored);
                continue;
            }

            Assert.IsType<WriteMessagesSuccessful>(outcome);
            Assert.Single(stored);
        }
    }

    [Fact]
    public void Many_persistent_actors_writing_at_once_each_keep_their_own_events_in_order()
    {
        const int Actors = 40;
        const int EventsEach = 10;
        var recovered = CreateTestProbe();
        var actors = Enumerable.Range(0, Actors).Select(i => Sys.ActorOf(CounterActor.Props($"c-{i}", recovered.Ref))).ToList();
        recovered.ReceiveN(Actors, Patience);

        var replies = CreateTestProbe();
        for (var n = 1; n <= EventsEach; n++)
        {
            foreach (var actor in actors)
            {
                actor.Tell(new CounterActor.Increment(n), replies.Ref);
            }
        }

        replies.ReceiveN(Actors * EventsEach, Patience);
        for (var i = 0; i < Actors; i++)
        {
            var events = Replay($"c-{i}", 1, long.MaxValue, long.MaxValue, expectedHighest: EventsEach);
            Assert.Equal(Enumerable.Range(1, EventsEach).Select(n => new Incremented(n)), events.Select(p => p.Payload));
        }
    }

    [Fact]
    public void A_second_persistent_actor_with_the_same_id_fails_to_persist_and_stops()
    {
        var recovered = CreateTestProbe();
        var first = Sys.ActorOf(CounterActor.Props("twin", recovered.Ref));
        var second = Sys.ActorOf(CounterActor.Props("twin", recovered.Ref));
        recovered.ReceiveN(2, Patience);
        first.Tell(new CounterActor.Increment(1));
        ExpectMsg<CounterState>(Patience);
        Watch(second);

        // Both recovered at 0: the second's event 1 collides with the first's.
        second.Tell(new CounterActor.Increment(5));

        ExpectTerminated(second, Patience);
        Assert.Equal([new Incremented(1)], Replay("twin", 1, long.MaxValue, long.MaxValue, expectedHighest: 1).Select(p => p.Payload));
    }

    [Fact]
    public async Task A_write_the_database_refuses_is_rejected_and_the_persistent_actor_goes_on()
    {
        var recovered = CreateTestProbe();
        var counter = Sys.ActorOf(CounterActor.Props("refused", recovered.Ref));
        recovered.ExpectMsg<CounterActor.Recovered>(Patience);
        counter.Tell(new CounterActor.Increment(1));
        ExpectMsg<CounterState>(Patience);
        Watch(counter);

        // A table the database no longer has: every write is refused, as on a full disk or a lost server.
        var table = Target.IsAkkaPersistenceSql ? "akka_journal" : "journal";
        await Target.ScalarAsync($"ALTER TABLE {table} RENAME TO {table}_away");
        try
        {
            counter.Tell(new CounterActor.Increment(10));

            // Writes are decided in order: once this later one is rejected, the counter's was too.
            var probe = CreateTestProbe();
            Journal.Tell(new WriteMessages([AtomicWriteOf("refused-direct", 1, 1)], probe.Ref, 1));
            probe.ExpectMsg<WriteMessagesSuccessful>(Patience);
            probe.ExpectMsg<WriteMessageRejected>(Patience);
        }
        finally
        {
            await Target.ScalarAsync($"ALTER TABLE {table}_away RENAME TO {table}");
        }

        // Still alive, and what it persists now is stored; the refused event never was.
        counter.Tell(new CounterActor.Increment(100));
        Assert.Equal(101, ExpectMsg<CounterState>(Patience).Value);
        Assert.Equal([new Incremented(1), new Incremented(100)], (await CurrentEventsAsync("refused")).Select(e => e.Event));
    }

    // ---- snapshots ----

    [Fact]
    public void Snapshots_are_selected_by_sequence_nr_and_timestamp_and_deleted_by_metadata_or_criteria()
    {
        var t0 = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        SaveSnapshot("p-1", 10, t0, new CounterState(10, 10));
        SaveSnapshot("p-1", 20, t0.AddMinutes(1), new CounterState(20, 20));
        SaveSnapshot("p-1", 30, t0.AddMinutes(2), new CounterState(30, 30));
        SaveSnapshot("p-2", 99, t0.AddMinutes(3), new CounterState(99, 99));

        var latest = LoadSnapshot("p-1", SnapshotSelectionCriteria.Latest);
        Assert.Equal(30, latest?.Metadata.SequenceNr);
        Assert.Equal(new CounterState(30, 30), latest?.Snapshot);
        Assert.Equal(t0.AddMinutes(2), latest?.Metadata.Timestamp);
        Assert.Equal(20, LoadSnapshot("p-1", new SnapshotSelectionCriteria(25))?.Metadata.SequenceNr);
        Assert.Equal(10, LoadSnapshot("p-1", new SnapshotSelectionCriteria(long.MaxValue, t0.AddSeconds(30)))?.Metadata.SequenceNr);
        Assert.Null(LoadSnapshot("p-1", new SnapshotSelectionCriteria(5)));
        Assert.Null(LoadSnapshot("p-3", SnapshotSelectionCriteria.Latest));

        SnapshotStore.Tell(new DeleteSnapshot(new SnapshotMetadata("p-1", 30, t0.AddMinutes(2))), TestActor);
        ExpectMsg<DeleteSnapshotSuccess>(Patience);
        Assert.Equal(20, LoadSnapshot("p-1", SnapshotSelectionCriteria.Latest)?.Metadata.SequenceNr);

        SnapshotStore.Tell(new DeleteSnapshots("p-1", new SnapshotSelectionCriteria(20)), TestActor);
        ExpectMsg<DeleteSnapshotsSuccess>(Patience);
        Assert.Null(LoadSnapshot("p-1", SnapshotSelectionCriteria.Latest));
        Assert.Equal(99, LoadSnapshot("p-2", SnapshotSelectionCriteria.Latest)?.Metadata.SequenceNr);
    }

    [Fact]
    public void A_save_at_the_same_sequence_nr_replaces_the_snapshot()
    {
        var t0 = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        SaveSnapshot("p-1", 10, t0, new CounterState(1, 1));
        SaveSnapshot("p-1", 10, t0.AddMinutes(1), new CounterState(2, 2));

        Assert.Equal(new CounterState(2, 2), LoadSnapshot("p-1", SnapshotSelectionCriteria.Latest)?.Snapshot);
    }

    // ---- persistent actors ----

    [Fact]
    public void A_persistent_actor_recovers_from_its_snapshot_and_the_events_after_it()
    {
        var recovered = CreateTestProbe();
        var counter = Sys.ActorOf(CounterActor.Props("counter", recovered.Ref));
        recovered.ExpectMsg<CounterActor.Recovered>(Patience);
        for (var n = 1; n <= 5; n++)
        {
            counter.Tell(new CounterActor.Increment(n));
            ExpectMsg<CounterState>(Patience);
        }

        counter.Tell(new CounterActor.TakeSnapshot());
        Assert.Equal(5, ExpectMsg<SaveSnapshotSuccess>(Patience).Metadata.SequenceNr);
        counter.Tell(new CounterActor.Increment(100));
        ExpectMsg<CounterState>(Patience);
        Watch(counter);
        Sys.Stop(counter);
        ExpectTerminated(counter, Patience);

        Sys.ActorOf(CounterActor.Props("counter", recovered.Ref));
        var recovery = recovered.ExpectMsg<CounterActor.Recovered>(Patience);

        Assert.Equal(new CounterState(115, 6), recovery.State);
        Assert.Equal(6, recovery.LastSequenceNr);
    }

    [Fact]
    public void Many_persistent_actors_recover_at_once_each_to_its_own_state()
    {
        const int Actors = 200;
        var recovered = CreateTestProbe();
        var actors = Enumerable.Range(0, Actors).Select(i => Sys.ActorOf(CounterActor.Props($"r-{i}", recovered.Ref))).ToList();
        recovered.ReceiveN(Actors, Patience);
        for (var i = 0; i < Actors; i++)
        {
            for (var n = 0; n <= i % 3; n++)
            {
                actors[i].Tell(new CounterActor.Increment(i));
            }
        }

        ReceiveN(Actors / 3 * 6 + (Actors % 3 == 2 ? 3 : Actors % 3), Patience);
        foreach (var actor in actors)
        {
            Watch(actor);
            Sys.Stop(actor);
            ExpectTerminated(actor, Patience);
        }

        for (var i = 0; i < Actors; i++)
        {
            Sys.ActorOf(CounterActor.Props($"r-{i}", recovered.Ref));
        }

        var states = recovered.ReceiveN(Actors, Patience).Cast<CounterActor.Recovered>().ToDictionary(r => r.PersistenceId);
        for (var i = 0; i < Actors; i++)
        {
            var events = (i % 3) + 1;
            Assert.Equal(new CounterState(i * events, events), states[$"r-{i}"].State);
        }
    }

    // ---- queries ----

    [Fact]
    public async Task Current_persistence_ids_lists_every_id_once()
    {
        foreach (var id in new[] { "c", "a", "d", "b" })
        {
            WriteEvents(id, 1, 2);
        }

        var ids = await ((ICurrentPersistenceIdsQuery)ReadJournal).CurrentPersistenceIds().RunWith(Sink.Seq<string>(), Materializer)
            .WaitAsync(Patience, TestContext.Current.CancellationToken);

        Assert.Equal(["a", "b", "c", "d"], ids.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Current_events_by_persistence_id_returns_the_range_in_order()
    {
        WriteEvents("p-1", 1, 10);
        WriteEvents("p-2", 1, 3);
        var query = (ICurrentEventsByPersistenceIdQuery)ReadJournal;

        var all = await query.CurrentEventsByPersistenceId("p-1", 0, long.MaxValue).RunWith(Sink.Seq<EventEnvelope>(), Materializer)
            .WaitAsync(Patience, TestContext.Current.CancellationToken);
        var middle = await query.CurrentEventsByPersistenceId("p-1", 3, 5).RunWith(Sink.Seq<EventEnvelope>(), Materializer)
            .WaitAsync(Patience, TestContext.Current.CancellationToken);

        Assert.Equal(Range(1, 10), all.Select(e => e.SequenceNr));
        Assert.All(all, e => Assert.Equal("p-1", e.PersistenceId));
        Assert.Equal(new Incremented(7), all[6].Event);
        Assert.Equal(Range(3, 5), middle.Select(e => e.SequenceNr));
    }

    [Fact]
    public async Task Events_by_tag_come_in_journal_order_and_resume_after_an_offset()
    {
        var recovered = CreateTestProbe();
        var a = Sys.ActorOf(CounterActor.Props("tag-a", recovered.Ref, tag: "blue"));
        var b = Sys.ActorOf(CounterActor.Props("tag-b", recovered.Ref, tag: "blue"));
        var c = Sys.ActorOf(CounterActor.Props("tag-c", recovered.Ref, tag: "green"));
        recovered.ReceiveN(3, Patience);
        foreach (var (actor, by) in new[] { (a, 1), (b, 2), (c, 3), (a, 4), (b, 5) })
        {
            actor.Tell(new CounterActor.Increment(by));
            ExpectMsg<CounterState>(Patience);
        }

        var query = (ICurrentEventsByTagQuery)ReadJournal;
        var blue = await query.CurrentEventsByTag("blue", Offset.NoOffset()).RunWith(Sink.Seq<EventEnvelope>(), Materializer)
            .WaitAsync(Patience, TestContext.Current.CancellationToken);
        var afterSecond = await query.CurrentEventsByTag("blue", blue[1].Offset).RunWith(Sink.Seq<EventEnvelope>(), Materializer)
            .WaitAsync(Patience, TestContext.Current.CancellationToken);

        Assert.Equal([1, 2, 4, 5], blue.Select(e => ((Incremented)e.Event).By));
        Assert.Equal([("tag-a", 1L), ("tag-b", 1L), ("tag-a", 2L), ("tag-b", 2L)], blue.Select(e => (e.PersistenceId, e.SequenceNr)));
        var orderings = blue.Select(e => ((Sequence)e.Offset).Value).ToList();
        Assert.Equal(orderings.Order(), orderings);
        Assert.Equal(orderings.Count, orderings.Distinct().Count());
        Assert.Equal([4, 5], afterSecond.Select(e => ((Incremented)e.Event).By));
        Assert.All(blue, e => Assert.Contains("blue", e.Tags));
    }

    [Fact]
    public async Task A_live_events_by_persistence_id_query_delivers_events_written_after_it_started()
    {
        WriteEvents("live", 1, 2);
        var query = (IEventsByPersistenceIdQuery)ReadJournal;
        var probe = CreateTestProbe();
        var (kill, done) = query.EventsByPersistenceId("live", 0, long.MaxValue)
            .ViaMaterialized(KillSwitches.Single<EventEnvelope>(), Keep.Right)
            .ToMaterialized(Sink.ForEach<EventEnvelope>(e => probe.Ref.Tell(e.SequenceNr)), Keep.Both)
            .Run(Materializer);
        try
        {
            probe.ExpectMsg(1L, Patience);
            probe.ExpectMsg(2L, Patience);

            WriteEvents("live", 3, 4);

            probe.ExpectMsg(3L, Patience);
            probe.ExpectMsg(4L, Patience);
        }
        finally
        {
            kill.Shutdown();
            await done.WaitAsync(Patience, TestContext.Current.CancellationToken);
        }
    }

    // ---- helpers ----

    protected static IEnumerable<long> Range(long from, long to)
    {
        for (var n = from; n <= to; n++)
        {
            yield return n;
        }
    }

    protected AtomicWrite AtomicWriteOf(string persistenceId, long from, long to) =>
        new(Range(from, to)
            .Select(n => (IPersistentRepresentation)new Persistent(new Incremented((int)n), n, persistenceId, writerGuid: _writerGuid))
            .ToImmutableList());

    protected void WriteEvents(string persistenceId, long from, long to)
    {
        var probe = CreateTestProbe();
        Journal.Tell(new WriteMessages([AtomicWriteOf(persistenceId, from, to)], probe.Ref, 1));
        probe.ExpectMsg<WriteMessagesSuccessful>(Patience);
        for (var n = from; n <= to; n++)
        {
            Assert.Equal(n, probe.ExpectMsg<WriteMessageSuccess>(Patience).Persistent.SequenceNr);
        }
    }

    protected List<IPersistentRepresentation> Replay(string persistenceId, long from, long to, long max, long expectedHighest)
    {
        var probe = CreateTestProbe();
        Journal.Tell(new ReplayMessages(from, to, max, persistenceId, probe.Ref));
        var replayed = new List<IPersistentRepresentation>();
        while (true)
        {
            switch (probe.ReceiveOne(Patience))
            {
                case ReplayedMessage message:
                    replayed.Add(message.Persistent);
                    break;
                case RecoverySuccess success:
                    Assert.Equal(expectedHighest, success.HighestSequenceNr);
                    return replayed;
                case var other:
                    Assert.Fail($"replay of '{persistenceId}': unexpected {other}");
                    break;
            }
        }
    }

    protected async Task<IReadOnlyList<EventEnvelope>> CurrentEventsAsync(string persistenceId) =>
        await ((ICurrentEventsByPersistenceIdQuery)ReadJournal).CurrentEventsByPersistenceId(persistenceId, 0, long.MaxValue)
            .RunWith(Sink.Seq<EventEnvelope>(), Materializer)
            .WaitAsync(Patience, TestContext.Current.CancellationToken);

    protected void DeleteTo(string persistenceId, long toSequenceNr)
    {
        var probe = CreateTestProbe();
        Journal.Tell(new DeleteMessagesTo(persistenceId, toSequenceNr, probe.Ref));
        Assert.Equal(toSequenceNr, probe.ExpectMsg<DeleteMessagesSuccess>(Patience).ToSequenceNr);
    }

    protected void SaveSnapshot(string persistenceId, long sequenceNr, DateTime timestamp, object snapshot)
    {
        SnapshotStore.Tell(new SaveSnapshot(new SnapshotMetadata(persistenceId, sequenceNr, timestamp), snapshot), TestActor);
        ExpectMsg<SaveSnapshotSuccess>(Patience);
    }

    protected SelectedSnapshot? LoadSnapshot(string persistenceId, SnapshotSelectionCriteria criteria)
    {
        SnapshotStore.Tell(new LoadSnapshot(persistenceId, criteria, long.MaxValue), TestActor);
        return ExpectMsg<LoadSnapshotResult>(Patience).Snapshot;
    }
}
