using Akka.Actor;
using ProcessManager.Actors.Plugins;
using ProcessManager.Actors.Plugins.History;
using ProcessManager.Actors.Tests.Processes;
using ProcessManager.Actors.Tests.Processes.Actors;
using Xunit;

namespace ProcessManager.Actors.Tests.Plugins;

public sealed class PluginHistoryTests : Akka.TestKit.Xunit.TestKit
{
    private static readonly TempDirectory Home = new();

    public PluginHistoryTests()
        : base(TestPersistence.For(Path.Combine(Home.Path, Guid.NewGuid().ToString("N") + ".db")).WithFallback(PluginHistorySerializer.Configuration), "pbm-plugin-history")
    {
    }

    [Fact]
    public void The_history_keeps_the_newest_entries_up_to_its_size_and_finds_them_again_after_a_restart()
    {
        var settings = PluginHostSettings.Default with { HistorySize = 5, HistorySnapshotEvery = 3 };
        var history = Sys.ActorOf(PluginHistoryActor.Props(settings));
        for (var i = 0; i < 12; i++)
        {
            history.Tell(new InvocationRecord(DateTimeOffset.UnixEpoch.AddSeconds(i), i % 2 == 0 ? "a" : "b", "m" + i, i % 3 == 0 ? "timeout" : "ok", "r" + i, i, 100 + i));
        }
        history.Tell(new GetPluginHistory(null, 100), TestActor);
        var before = ExpectMsg<PluginHistory>(TimeSpan.FromSeconds(30), cancellationToken: TestContext.Current.CancellationToken);

        Watch(history);
        Sys.Stop(history);
        ExpectTerminated(history, cancellationToken: TestContext.Current.CancellationToken);
        var again = Sys.ActorOf(PluginHistoryActor.Props(settings));
        again.Tell(new GetPluginHistory("a", 100), TestActor);
        var onlyA = ExpectMsg<PluginHistory>(TimeSpan.FromSeconds(30), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(["m11", "m10", "m9", "m8", "m7"], before.Entries.Select(e => e.Method));
        Assert.Equal(["m10", "m8"], onlyA.Entries.Select(e => e.Method));
        Assert.Equal("timeout", before.Entries.Single(e => e.Method == "m9").Code);
    }
}
