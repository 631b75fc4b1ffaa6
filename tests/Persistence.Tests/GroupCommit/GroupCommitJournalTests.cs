using System.Collections.Immutable;
using Akka.Actor;
using Akka.Persistence;
using Akka.Persistence.Journal;
using ProcessManager.Persistence.Configuration;
using ProcessManager.Persistence.Journal;
using ProcessManager.Persistence.Storage;
using ProcessManager.Persistence.Tests.Support;
using ProcessManager.Persistence.Tests.Targets;
using AkkaTestKit = Akka.TestKit.Xunit.TestKit;

namespace ProcessManager.Persistence.Tests.GroupCommit;

/// <summary>What only the group-commit plugin promises, on SQLite.</summary>
public sealed class GroupCommitJournalTests : AkkaTestKit
{
    private static readonly TimeSpan Patience = TestTimeouts.Scaled(TimeSpan.FromSeconds(20));

    private readonly SqliteTarget _target;

    public GroupCommitJournalTests()
        : this(SqliteTarget.Create(PersistencePluginKind.GroupCommit))
    {
    }

    private GroupCommitJournalTests(SqliteTarget target)
        : base(target.Config)
    {
        _target = target;
    }

    private IActorRef Journal => Akka.Persistence.Persistence.Instance.Apply(Sys).JournalFor(GroupCommitJournal.Identifier);

    protected override void AfterAll()
    {
        base.AfterAll();
        _target.Dispose();
    }

    [Fact]
    public async Task A_database_from_a_newer_schema_is_refused_with_a_message_saying_what_to_do()
    {
        await _target.ScalarAsync(
            "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied BIGINT NOT NULL); " +
            "INSERT INTO schema_version VALUES (99, 'from the future', 0)");

        Journal.Tell(new ReplayMessages(1, long.MaxValue, long.MaxValue, "p-1", TestActor));

        var failure = ExpectMsg<ReplayMessagesFailure>(Patience);
        Assert.IsType<PersistenceException>(failure.Cause);
        Assert.Contains("version 99", failure.Cause.Message, StringComparison.Ordinal);
        Assert.Contains("upgrade ProcessManager", failure.Cause.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tag_with_the_separator_is_rejected_and_the_next_write_succeeds()
    {
        var bad = new Persistent(new Tagged(new Incremented(1), ["a;b"]), 1, "p-1", writerGuid: "w");
        var good = new Persistent(new Tagged(new Incremented(1), ["a"]), 1, "p-1", writerGuid: "w");

        Journal.Tell(new WriteMessages([new AtomicWrite(bad)], TestActor, 1));
        ExpectMsg<WriteMessagesSuccessful>(Patience);
        var rejected = ExpectMsg<WriteMessageRejected>(Patience);
        Journal.Tell(new WriteMessages([new AtomicWrite(good)], TestActor, 1));
        ExpectMsg<WriteMessagesSuccessful>(Patience);
        ExpectMsg<WriteMessageSuccess>(Patience);

        Assert.Contains("'a;b'", rejected.Cause.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreadable_row_fails_the_replay_naming_its_persistence_id_and_sequence_nr()
    {
        Journal.Tell(new WriteMessages([new AtomicWrite(ImmutableList.Create<IPersistentRepresentation>(
            new Persistent(new Incremented(1), 1, "p-1", writerGuid: "w"),
            new Persistent(new Incremented(2), 2, "p-1", writerGuid: "w")))], TestActor, 1));
        ExpectMsg<WriteMessagesSuccessful>(Patience);
        ReceiveN(2, Patience);
        await _target.ScalarAsync("UPDATE journal SET serializer_id = 4242 WHERE sequence_nr = 2");

        Journal.Tell(new ReplayMessages(1, long.MaxValue, long.MaxValue, "p-1", TestActor));

        ExpectMsg<ReplayedMessage>(Patience);
        var error = Assert.IsType<EventDeserializationException>(ExpectMsg<ReplayMessagesFailure>(Patience).Cause);
        Assert.Equal("p-1", error.PersistenceId);
        Assert.Equal(2, error.SequenceNr);
        Assert.Contains("serializer 4242", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_journal_snapshot_store_and_read_journal_of_one_database_share_one_store()
    {
        var recovered = CreateTestProbe();
        var counter = Sys.ActorOf(CounterActor.Props("shared", recovered.Ref));
        recovered.ExpectMsg<CounterActor.Recovered>(Patience);
        counter.Tell(new CounterActor.Increment(1));
        ExpectMsg<CounterState>(Patience);
        counter.Tell(new CounterActor.TakeSnapshot());
        ExpectMsg<SaveSnapshotSuccess>(Patience);
        var query = Akka.Persistence.Query.PersistenceQuery.Get(Sys)
            .ReadJournalFor<Akka.Persistence.Query.ICurrentPersistenceIdsQuery>(PersistencePlugins.ReadJournalId(_target.Settings));
        var store = await GroupCommitStores.Get(Sys).OpenAsync(_target.Settings);

        Assert.Same(store, await GroupCommitStores.Get(Sys).OpenAsync(_target.Settings with { QueryMaxBufferSize = 7 }));
        Assert.Equal(1, GroupCommitStores.Get(Sys).OpenedCount);
        Assert.NotNull(query);
        Assert.Equal(3, store.SchemaVersion);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_target.DatabasePath));
        }
    }
}
