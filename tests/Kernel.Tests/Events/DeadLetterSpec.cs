namespace ProcessManager.Kernel.Tests.Events;

public sealed class DeadLetterSpec : TestKit.TestKit
{
    [Fact]
    public void A_dead_subscriber_is_dropped_instead_of_looping_through_dead_letters()
    {
        var probe = CreateTestProbe();
        Sys.EventStream.Subscribe<DeadLetter>(probe.Ref);
        Sys.EventStream.Subscribe<DeadLetter>(TestActor);
        Watch(probe.Ref);
        Sys.Stop(probe.Ref);
        ExpectTerminated(probe.Ref);
        var target = Sys.ActorOf(Props.Create<EchoActor>());
        Watch(target);
        Sys.Stop(target);
        ExpectTerminated(target);
        target.Tell("one");
        Assert.Equal("one", ExpectMsg<DeadLetter>().Message);
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        Assert.False(Sys.EventStream.Unsubscribe(probe.Ref));
    }
}
