using ProcessManager.Actors.Processes.Journal;
using ProcessManager.Actors.Processes.Protocol;
using ProcessManager.Persistence;
using ProcessManager.Persistence.Serialization;
using Xunit;

namespace ProcessManager.Actors.Tests.Processes.Journal;

public sealed class StoredProcessJournalTests : IAsyncLifetime
{
    private readonly TempDirectory _home = new();
    private IPersistenceStore _store = null!;

    public async ValueTask InitializeAsync()
    {
        _store = await OpenAsync(_home.File("pbm.db"));
    }

    public async ValueTask DisposeAsync()
    {
        await _store.DisposeAsync();
        _home.Dispose();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<IPersistenceStore> OpenAsync(string path) =>
        PersistenceStore.OpenAsync(new PersistenceSettings { SqlitePath = path }, StoredProcessJournal.Register(new EventSerializer()));

    private static readonly ProcessSpec Spec = new()
    {
        Name = "web",
        Argv = ["sleep", "10"],
        Environment = new Dictionary<string, string> { ["A"] = "1" },
        Instances = 2,
        Restart = RestartPolicy.OnFailure,
        SuccessExitCodes = [0, 3],
        CrashLoop = new CrashLoopSettings(3, TimeSpan.FromSeconds(9), null),
        MemoryLimitBytes = 1234,
        Kind = ProcessKind.Service,
    };

    [Fact]
    public async Task An_instance_stream_keeps_its_newest_events_and_an_app_stream_is_kept_whole()
    {
        var journal = new StoredProcessJournal(_store, maxEventsPerProcess: 20);
        for (var i = 1; i <= 55; i++)
        {
            await journal.AppendAsync("process/web-0", new RestartScheduled(TimeSpan.Zero, "exit 1", i), Ct);
            await journal.AppendAsync("app/web", new DesiredStateChanged(i % 2 == 0 ? DesiredState.Running : DesiredState.Stopped), Ct);
        }

        await journal.AppendManyAsync([.. Enumerable.Range(56, 10).Select(i => ("process/web-0", (ProcessEvent)new RestartScheduled(TimeSpan.Zero, "exit 1", i)))], Ct);

        var kept = new List<long>();
        await foreach (var row in _store.ReadEventsAsync("process/web-0", 1, long.MaxValue, long.MaxValue, Ct))
        {
            kept.Add(row.SequenceNr);
        }

        // Trimmed in steps of 2 (a tenth of 20): never fewer than 20 kept, never more than 20 + a step.
        Assert.InRange(kept.Count, 20, 22);
        Assert.Equal(65, kept[^1]);
        Assert.Equal(Enumerable.Range((int)kept[0], kept.Count).Select(n => (long)n), kept);
        var newest = await journal.ReadAsync("process/web-0", null, 5, Ct);
        Assert.Equal([61L, 62, 63, 64, 65], newest.Select(e => e.SequenceNr));
        Assert.Equal(55, (await journal.ReadAsync("app/web", null, 1000, Ct)).Count);
    }

    [Fact]
    public async Task A_batch_is_stored_in_order_with_sequence_numbers_continuing_each_id()
    {
        var journal = new StoredProcessJournal(_store);
        await journal.AppendAsync("process/web-0", new ProgramStarted(1, 1, false, 0), Ct);

        await journal.AppendManyAsync(
            [
                ("process/web-0", new ProgramExitedEvent(1, null, TimeSpan.FromSeconds(1))),
                ("process/web-1", new ProgramStarted(2, 2, false, 0)),
                ("process/web-0", new RestartScheduled(TimeSpan.Zero, "exit 1", 1)),
            ],
            Ct);
        await journal.AppendAsync("process/web-0", new StoppedByRequest("by hand"), Ct);

        var web0 = await journal.ReadAsync("process/web-0", null, 100, Ct);
        Assert.Equal([1L, 2, 3, 4], web0.Select(e => e.SequenceNr));
        Assert.Equal([typeof(ProgramStarted), typeof(ProgramExitedEvent), typeof(RestartScheduled), typeof(StoppedByRequest)], web0.Select(e => e.Event.GetType()));
        var web1 = Assert.Single(await journal.ReadAsync("process/web-1", null, 100, Ct));
        Assert.Equal(1L, web1.SequenceNr);
    }

    [Fact]
    public async Task Events_round_trip_through_sqlite_in_order_and_survive_reopening()
    {
        var journal = new StoredProcessJournal(_store);
        await journal.AppendAsync("app/web", new AppDeclared(Spec, DesiredState.Running), Ct);
        await journal.AppendAsync("process/web-0", new ProgramStarted(42, 777, false, 0), Ct);
        await journal.AppendAsync("process/web-0", new ProgramExitedEvent(null, 9, TimeSpan.FromSeconds(2)), Ct);
        await journal.AppendAsync("process/web-0", new RestartScheduled(TimeSpan.FromMilliseconds(500), "exit", 1), Ct);
        await _store.DisposeAsync();

        _store = await OpenAsync(_home.File("pbm.db"));
        var reopened = new StoredProcessJournal(_store);
        await reopened.AppendAsync("process/web-0", new StoppedByRequest("by hand"), Ct);

        var app = Assert.Single(await reopened.ReadAsync("app/web", null, 100, Ct));
        var declared = Assert.IsType<AppDeclared>(app.Event);
        Assert.Equal(Spec, declared.Spec);
        var events = await reopened.ReadAsync("process/web-0", null, 100, Ct);
        Assert.Equal([1L, 2, 3, 4], events.Select(e => e.SequenceNr));
        Assert.Equal(["started", "exited", "restart-scheduled", "stopped"], events.Select(e => e.Event.Name));
        Assert.Equal(9, Assert.IsType<ProgramExitedEvent>(events[1].Event).Signal);
    }

    [Fact]
    public async Task Read_returns_the_newest_events_up_to_the_limit()
    {
        var journal = new StoredProcessJournal(_store);
        for (var i = 0; i < 10; i++)
        {
            await journal.AppendAsync("process/a-0", new ProgramStarted(i + 1, 1, false, i), Ct);
        }

        var last = await journal.ReadAsync("process/a-0", null, 3, Ct);

        Assert.Equal([8, 9, 10], last.Select(e => ((ProgramStarted)e.Event).Pid));
    }

    [Fact]
    public async Task Persistence_ids_are_listed_by_prefix()
    {
        var journal = new StoredProcessJournal(_store);
        await journal.AppendAsync("app/b", new DesiredStateChanged(DesiredState.Stopped), Ct);
        await journal.AppendAsync("app/a", new DesiredStateChanged(DesiredState.Running), Ct);
        await journal.AppendAsync("process/a-0", new CrashLoopLeft(), Ct);

        Assert.Equal(["app/a", "app/b"], await journal.PersistenceIdsAsync("app/", Ct));
        Assert.Equal(["process/a-0"], await journal.PersistenceIdsAsync("process/", Ct));
    }

    [Fact]
    public async Task The_writer_keeps_order_and_flush_waits_for_earlier_records()
    {
        var writer = new JournalWriter(new StoredProcessJournal(_store));
        for (var i = 0; i < 50; i++)
        {
            writer.Record("process/w-0", new ProgramStarted(i, 1, false, 0));
        }

        await writer.FlushAsync();

        var events = await writer.Journal.ReadAsync("process/w-0", null, 100, Ct);
        Assert.Equal(Enumerable.Range(0, 50), events.Select(e => ((ProgramStarted)e.Event).Pid));
        Assert.Equal(0, writer.Failed);
    }
}
