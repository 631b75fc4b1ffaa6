using Akka.Actor;
using ProcessManager.Persistence.Configuration;
using ProcessManager.Persistence.Tests.Support;
using ProcessManager.Persistence.Tests.Targets;
using AkkaTestKit = Akka.TestKit.Xunit.TestKit;

namespace ProcessManager.Persistence.Tests.GroupCommit;

/// <summary>What only the group-commit plugin promises, on PostgreSQL.</summary>
public sealed class GroupCommitPostgreSqlTests : AkkaTestKit
{
    private static readonly TimeSpan Patience = TestTimeouts.Scaled(TimeSpan.FromSeconds(20));

    private readonly PostgreSqlTarget _target;

    public GroupCommitPostgreSqlTests()
        : this(PostgreSqlTarget.CreateOrSkip(PersistencePluginKind.GroupCommit))
    {
    }

    private GroupCommitPostgreSqlTests(PostgreSqlTarget target)
        : base(target.Config)
    {
        _target = target;
    }

    protected override void AfterAll()
    {
        base.AfterAll();
        _target.Dispose();
    }

    [Fact]
    public async Task A_write_whose_server_connection_dropped_is_tried_again_on_a_new_connection_and_succeeds()
    {
        var recovered = CreateTestProbe();
        var counter = Sys.ActorOf(CounterActor.Props("p-1", recovered.Ref));
        recovered.ExpectMsg<CounterActor.Recovered>(Patience);
        counter.Tell(new CounterActor.Increment(1));
        ExpectMsg<CounterState>(Patience);
        Watch(counter);

        // The writer's connection is dead (as after a server restart): the write is retried, not failed.
        Assert.True(await _target.DropPluginConnectionsAsync() >= 1);
        counter.Tell(new CounterActor.Increment(2));

        Assert.Equal(new CounterState(3, 2), ExpectMsg<CounterState>(Patience));
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        Assert.Equal(2L, await _target.ScalarAsync("SELECT MAX(sequence_nr) FROM journal WHERE persistence_id = 'p-1'"));
    }
}
