using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using ProcessManager.Actors.Processes.Protocol;
using ProcessManager.Host.Cluster;

namespace ProcessManager.Host.Tests.Cluster;

/// <summary>
/// The actor a node's ClusterSingletonManager runs for a singleton app: it declares the app on its node's supervisor,
/// tries again while the supervisor refuses (the node is still deleting its recovered copy), and deletes it when it stops.
/// </summary>
public sealed class SingletonAppTests : Akka.Hosting.TestKit.TestKit
{
    private static readonly ProcessSpec Solo = new() { Name = "solo", Argv = ["sleep", "600"] };

    protected override void ConfigureAkka(AkkaConfigurationBuilder builder, IServiceProvider provider)
    {
    }

    [Fact]
    public void A_refused_start_is_tried_again_until_accepted_and_the_app_is_deleted_when_the_singleton_stops()
    {
        var cancel = TestContext.Current.CancellationToken;
        var supervisor = CreateTestProbe();
        var app = Sys.ActorOf(SingletonApp.Props(Solo, supervisor.Ref));

        Assert.Same(Solo, supervisor.ExpectMsg<StartProcess>(TimeSpan.FromSeconds(30), cancellationToken: cancel).Spec);
        supervisor.Reply(new CommandFailed("'solo' is being deleted"));
        Assert.Same(Solo, supervisor.ExpectMsg<StartProcess>(SingletonApp.RetryInterval * 30, cancellationToken: cancel).Spec);
        supervisor.Reply(new ProcessCommandCompleted("solo", []));
        supervisor.ExpectNoMsg(SingletonApp.RetryInterval * 2, cancel);

        Sys.Stop(app);
        Assert.Equal("solo", supervisor.ExpectMsg<DeleteProcess>(TimeSpan.FromSeconds(30), cancellationToken: cancel).Name);
    }
}
