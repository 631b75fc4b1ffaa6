using ProcessManager.Kernel;
using ProcessManager.Kernel.TestKit;
using ProcessManager.Persistence.Journal;
using ProcessManager.Persistence.Serialization;
using ProcessManager.Persistence.Snapshots;
using ProcessManager.Persistence.Tests.Tck;

namespace ProcessManager.Persistence.Tests.Actors;

public sealed class PersistentActorTests : TestKit, IAsyncLifetime
{
    private readonly SqliteStoreFixture _fixture = new();
    private InterceptingStore? _store;

    private InterceptingStore Store => _store ?? throw new InvalidOperationException("not initialised");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var settings = _fixture.Settings with { Retention = new RetentionSettings { MaxEventsPerProcess = 2, SnapshotEvery = 5 } };
        _store = new InterceptingStore(await _fixture.OpenAsync(TestSerializers.Current(), settings));
        Sys.UsePersistence(_store);
    }

    public async ValueTask DisposeAsync()
    {
        await Sys.Terminate();
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }

        await _fixture.DisposeAsync();
    }

    private IActorRef StartCounter(string id = "counter-1") =>
        Sys.ActorOf(Props.Create(() => new CounterActor(id, TestActor)));

    private async Task SeedAsync(string id, params int[] increments) =>
        await Store.WriteAsync(increments.Select((by, i) => new PersistentEvent(id, i + 1, new Incremented(by))).ToList(), Ct);

    private void StopAndWait(IActorRef actor)
    {
        Watch(actor);
        Sys.Stop(actor);
        ExpectTerminated(actor);
    }

    [Fact]
    public async Task Recovery_replays_the_events_in_order_then_signals_RecoveryCompleted()
    {
        await SeedAsync("counter-1", 1, 2, 3);

        StartCounter();

        ExpectMsg(new Replayed(1, 1));
        ExpectMsg(new Replayed(2, 2));
        ExpectMsg(new Replayed(3, 3));
        ExpectMsg(new RecoveryDone(6, 3));
    }

    [Fact]
    public async Task Commands_sent_before_recovery_completed_are_handled_after_it()
    {
        await SeedAsync("counter-1", 5, 5);

        var counter = StartCounter();
        counter.Tell(new GetState(), TestActor);
        counter.Tell(new Increment(1), TestActor);

        ExpectMsg<Replayed>();
        ExpectMsg<Replayed>();
        ExpectMsg(new RecoveryDone(10, 2));
        ExpectMsg(new CounterView(10, 2));
        ExpectMsg(new Persisted(11, 3));
    }

    [Fact]
    public async Task Commands_arriving_during_a_persist_wait_until_its_handler_ran()
    {
        var writeStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Store.BeforeWrite = async _ =>
        {
            writeStarted.TrySetResult();
            await gate.Task;
        };
        var counter = StartCounter();
        ExpectMsg(new RecoveryDone(0, 0));

        counter.Tell(new Increment(7), TestActor);
        await writeStarted.Task.WaitAsync(TestTimeouts.Scaled(TimeSpan.FromSeconds(10)), Ct);
        counter.Tell(new GetState(), TestActor); // queued while the write is held back
        gate.SetResult();

        // Had GetState run during the write, it would answer first, with 0.
        ExpectMsg(new Persisted(7, 1));
        ExpectMsg(new CounterView(7, 1));
    }

    [Fact]
    public void PersistAll_writes_atomically_and_runs_each_handler_in_order()
    {
        var counter = StartCounter();
        ExpectMsg(new RecoveryDone(0, 0));

        counter.Tell(new IncrementTwiceAtomically(3), TestActor);
        counter.Tell(new GetState(), TestActor);

        ExpectMsg(new Persisted(3, 2));
        ExpectMsg(new Persisted(6, 2));
        ExpectMsg(new CounterView(6, 2));
    }

    [Fact]
    public void An_async_command_handler_may_persist_after_an_await_and_holds_later_commands()
    {
        var counter = StartCounter();
        ExpectMsg(new RecoveryDone(0, 0));

        counter.Tell(new IncrementAfterLookup(2), TestActor);
        counter.Tell(new GetState(), TestActor);

        ExpectMsg(new Persisted(200, 1));
        ExpectMsg(new CounterView(200, 1));
    }

    [Fact]
    public void PersistAsync_handlers_run_in_persist_order()
    {
        var counter = StartCounter();
        ExpectMsg(new RecoveryDone(0, 0));

        for (var i = 1; i <= 5; i++)
        {
            counter.Tell(new IncrementAsync(i), TestActor);
        }

        Assert.Equal([1, 3, 6, 10, 15], ReceiveN(5).Cast<Persisted>().Select(p => p.Value));
    }

    [Fact]
    public void A_snapshot_is_offered_first_and_only_later_events_are_replayed()
    {
        var counter = StartCounter();
        ExpectMsg(new RecoveryDone(0, 0));
        for (var i = 1; i <= 4; i++)
        {
            counter.Tell(new Increment(i), TestActor);
            ExpectMsg<Persisted>();
        }

        counter.Tell(new TakeSnapshot(), TestActor);
        Assert.Equal(4, ExpectMsg<SaveSnapshotSuccess>().Metadata.SequenceNr);
        counter.Tell(new Increment(10), TestActor);
        ExpectMsg(new Persisted(20, 5));
        StopAndWait(counter);

        StartCounter();

        ExpectMsg(new SnapshotOffered(10, 4));
        ExpectMsg(new Replayed(10, 5));
        ExpectMsg(new RecoveryDone(20, 5));
    }

    [Fact]
    public async Task Retention_after_a_snapshot_bounds_the_journal()
    {
        var counter = StartCounter();
        ExpectMsg(new RecoveryDone(0, 0));
        for (var i = 1; i <= 6; i++)
        {
            counter.Tell(new Increment(1), TestActor);
            ExpectMsg<Persisted>();
        }

        counter.Tell(new TakeSnapshot(), TestActor);
        ExpectMsg<SaveSnapshotSuccess>();

        // max-events-per-process = 2: events 1..4 go once retention ran (it runs after the reply).
        await AwaitConditionAsync(async () => (await Store.ReadEventsAsync("counter-1", 1, long.MaxValue, long.MaxValue, Ct).FirstAsync(Ct)).SequenceNr == 5);
        Assert.Equal(6, await Store.ReadHighestSequenceNrAsync("counter-1", Ct));
    }

    [Fact]
    public async Task DeleteMessages_removes_events_from_replay_but_numbering_continues()
    {
        await SeedAsync("counter-1", 1, 1, 1, 1, 1);
        var counter = StartCounter();
        Assert.Equal(new RecoveryDone(5, 5), FishForMessage<RecoveryDone>());

        counter.Tell(new DeleteUpTo(5), TestActor);
        ExpectMsg(new DeleteMessagesSuccess(5));
        StopAndWait(counter);
        counter = StartCounter();
        ExpectMsg(new RecoveryDone(0, 5));
        counter.Tell(new Increment(2), TestActor);

        ExpectMsg(new Persisted(2, 6));
        Assert.Equal([6L], await Store.ReadEventsAsync("counter-1", 1, long.MaxValue, long.MaxValue, Ct).Select(e => e.SequenceNr).ToListAsync(Ct));
    }

    [Fact]
    public void A_failed_write_calls_OnPersistFailure_and_stops_the_actor()
    {
        Store.BeforeWrite = _ => throw new PersistenceException("disk on fire");
        var counter = StartCounter();
        ExpectMsg(new RecoveryDone(0, 0));
        Watch(counter);

        counter.Tell(new Increment(1), TestActor);

        ExpectMsg(new PersistFailed(1, "disk on fire"));
        ExpectTerminated(counter);
    }

    [Fact]
    public void Under_a_backoff_supervisor_a_failed_write_restarts_the_actor_which_recovers_and_continues()
    {
        var failures = 0;
        Store.BeforeWrite = events => events[0].SequenceNr == 2 && Interlocked.Increment(ref failures) == 1
            ? throw new PersistenceException("disk on fire")
            : Task.CompletedTask;
        var supervisor = Sys.ActorOf(BackoffSupervisor.Props(Backoff.OnStop(
            Props.Create(() => new CounterActor("counter-1", TestActor)), "counter", TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(100), 0)));
        ExpectMsg(new RecoveryDone(0, 0));

        supervisor.Tell(new Increment(5), TestActor);
        ExpectMsg(new Persisted(5, 1));
        supervisor.Tell(new Increment(1), TestActor);
        ExpectMsg(new PersistFailed(2, "disk on fire"));

        // A new incarnation recovers event 1 from the journal; numbering goes on from there.
        Assert.Equal(new RecoveryDone(5, 1), FishForMessage<RecoveryDone>());
        supervisor.Tell(new Increment(1), TestActor);
        ExpectMsg(new Persisted(6, 2));
    }

    [Fact]
    public async Task An_unreadable_event_calls_OnRecoveryFailure_and_stops_the_actor()
    {
        await using (var other = await _fixture.OpenAsync(new EventSerializer().Register("mystery", TestJsonContext.Default.Note)))
        {
            await other.WriteAsync([new PersistentEvent("counter-1", 1, new Note("from another build"))], Ct);
        }

        var counter = StartCounter();
        Watch(counter);

        var failure = ExpectMsg<RecoveryFailed>();
        Assert.Contains("'counter-1'", failure.Cause, StringComparison.Ordinal);
        Assert.Contains("unknown manifest 'mystery'", failure.Cause, StringComparison.Ordinal);
        ExpectTerminated(counter);
    }

    [Fact]
    public async Task Events_are_tagged_for_queries()
    {
        var counter = StartCounter();
        ExpectMsg(new RecoveryDone(0, 0));
        counter.Tell(new Increment(1), TestActor);
        ExpectMsg<Persisted>();

        var tagged = await Store.EventsByTagAsync("counter", 0, 10, Ct).ToListAsync(Ct);

        Assert.Equal(("counter-1", 1L), (Assert.Single(tagged).PersistenceId, tagged[0].SequenceNr));
    }

    [Fact]
    public async Task A_snapshot_save_reports_the_sequence_nr_it_covers()
    {
        await SeedAsync("counter-1", 4, 4);
        var counter = StartCounter();
        Assert.Equal(new RecoveryDone(8, 2), FishForMessage<RecoveryDone>());

        counter.Tell(new TakeSnapshot(), TestActor);

        var saved = ExpectMsg<SaveSnapshotSuccess>();
        Assert.Equal(new SnapshotMetadata("counter-1", 2, saved.Metadata.Timestamp), saved.Metadata);
        var loaded = await Store.LoadSnapshotAsync("counter-1", SnapshotSelectionCriteria.Latest, Ct);
        Assert.Equal(8, ((CounterState)loaded!.Snapshot).Value);
    }

    private static async Task AwaitConditionAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TestTimeouts.Scaled(TimeSpan.FromSeconds(10));
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met in time");
            await Task.Delay(10, Ct); // polling interval, as AwaitCondition does

        }
    }
}
