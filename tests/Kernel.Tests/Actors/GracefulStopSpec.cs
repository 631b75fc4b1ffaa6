namespace ProcessManager.Kernel.Tests.Actors;

public sealed class GracefulStopSpec : TestKit.TestKit
{
    private sealed class Stubborn : ReceiveActor
    {
        public Stubborn()
        {
            Receive<string>(_ => { });
        }
    }

    [Fact]
    public async Task GracefulStop_completes_after_PostStop()
    {
        var actor = Sys.ActorOf(Props.Create(() => new LifecycleActor(TestActor, "g")));
        ExpectMsg("g:ctor");
        ExpectMsg("g:preStart");
        Assert.True(await actor.GracefulStop(TimeSpan.FromSeconds(5)));
        ExpectMsg("g:postStop");
    }

    [Fact]
    public async Task GracefulStop_reports_false_when_the_actor_ignores_the_stop_message()
    {
        var actor = Sys.ActorOf(Props.Create<Stubborn>());
        Assert.False(await actor.GracefulStop(TimeSpan.FromMilliseconds(100), "please stop"));
    }

    [Fact]
    public void Props_by_type_passes_constructor_arguments()
    {
        var actor = Sys.ActorOf(Props.Create<LifecycleActor>(TestActor, "r"));
        ExpectMsg("r:ctor");
        Assert.Equal(typeof(LifecycleActor), Props.Create<LifecycleActor>(TestActor, "r").ActorType);
        GC.KeepAlive(actor);
    }
}
