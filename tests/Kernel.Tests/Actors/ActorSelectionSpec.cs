namespace ProcessManager.Kernel.Tests.Actors;

public sealed class ActorSelectionSpec : TestKit.TestKit
{
    [Fact]
    public async Task Selection_resolves_a_live_actor_by_path()
    {
        var parent = Sys.ActorOf(Props.Create(() => new LifecycleActor(TestActor, "p")), "sel");
        parent.Tell(Props.Create<EchoActor>(), TestActor);
        var child = FishForMessage<IActorRef>();
        Assert.Same(child, await Sys.ActorSelection("/user/sel/child").ResolveOne());
        Sys.ActorSelection("/user/sel/child").Tell("via path", TestActor);
        ExpectMsg("via path");
    }

    [Fact]
    public async Task Selection_of_a_missing_path_fails_and_delivers_dead_letters()
    {
        await Assert.ThrowsAsync<ActorNotFoundException>(() => Sys.ActorSelection("/user/none").ResolveOne());
        Sys.EventStream.Subscribe<DeadLetter>(TestActor);
        Sys.ActorSelection("/user/none").Tell("lost");
        Assert.Equal("lost", ExpectMsg<DeadLetter>().Message);
        Assert.Throws<ArgumentException>(() => Sys.ActorSelection("user/none"));
    }
}
