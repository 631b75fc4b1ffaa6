using Akka.Hosting;
using Akka.Persistence.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using ProcessManager.Persistence.Configuration;
using ProcessManager.Persistence.Hosting;
using ProcessManager.Persistence.Tests.Support;
using ProcessManager.Persistence.Tests.Targets;
using HostingTestKit = Akka.Hosting.TestKit.TestKit;

namespace ProcessManager.Persistence.Tests.Hosting;

/// <summary>An Akka.Hosting app wired with <see cref="PersistenceHostingExtensions.WithProcessManagerPersistence"/>.</summary>
public sealed class PersistenceHostingTests : HostingTestKit
{
    private static readonly TimeSpan Patience = TestTimeouts.Scaled(TimeSpan.FromSeconds(20));

    private readonly SqliteTarget _target = SqliteTarget.Create(PersistencePluginKind.GroupCommit);

    protected override void ConfigureAkka(AkkaConfigurationBuilder builder, IServiceProvider provider) =>
        builder
            .AddHocon(TestConfig.Serializers, HoconAddMode.Append)
            .WithProcessManagerPersistence(_target.Settings);

    protected override async Task AfterAllAsync()
    {
        await base.AfterAllAsync();
        _target.Dispose();
    }

    [Fact]
    public async Task The_chosen_plugin_is_the_default_journal_and_its_read_journal_sees_what_actors_persisted()
    {
        var recovered = CreateTestProbe();
        var counter = Sys.ActorOf(CounterActor.Props("hosted", recovered.Ref));
        recovered.ExpectMsg<CounterActor.Recovered>(Patience);
        counter.Tell(new CounterActor.Increment(3), TestActor);
        ExpectMsg<CounterState>(Patience);

        var query = PersistenceQuery.Get(Sys).ReadJournalFor<ICurrentEventsByPersistenceIdQuery>(PersistencePlugins.ReadJournalId(_target.Settings));
        var events = await query.CurrentEventsByPersistenceId("hosted", 0, long.MaxValue)
            .RunWith(Sink.Seq<EventEnvelope>(), Sys.Materializer())
            .WaitAsync(Patience, TestContext.Current.CancellationToken);

        Assert.Equal("akka.persistence.journal.pbm", Sys.Settings.Config.GetString("akka.persistence.journal.plugin"));
        Assert.Equal("akka.persistence.snapshot-store.pbm", Sys.Settings.Config.GetString("akka.persistence.snapshot-store.plugin"));
        Assert.Equal([new Incremented(3)], events.Select(e => e.Event));
    }
}
